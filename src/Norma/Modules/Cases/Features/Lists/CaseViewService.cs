using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Norma.Modules.Cases.Data;
using Norma.Modules.Cases.Domain;
using Norma.Shared;
using Norma.Shared.Access;
using Norma.Shared.Errors;

namespace Norma.Modules.Cases.Features.Lists;

/// <summary>A list view: a built-in one (Key set, Id null, never stored) or one the user saved (Id set).</summary>
public sealed record CaseViewDto(Guid? Id, string? Key, string Name, CaseQuery Query, bool BuiltIn);

public sealed record SaveCaseViewRequest(string? Name, CaseQuery? Query);

/// <summary>
/// Saved case list filters of each user (case_saved_views), plus three built-in views that always exist: 我的待办 (mine and open),
/// 本单位超时 (breached and open in the actor's unit subtree) and 即将到期 (due soon). A view is only a filter: its results
/// go through <see cref="CaseListService"/> and so stay inside the actor's data scope.
/// </summary>
public sealed class CaseViewService(CasesDbContext db, IStringLocalizer<SharedResource> text, TimeProvider clock)
{
    public const string MyOpen = "my-open", UnitOverdue = "unit-overdue", DueSoon = "due-soon";
    public const int MaxViews = 50;
    public const int NameLength = 50;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public IReadOnlyList<CaseViewDto> BuiltIn(Actor actor)
    {
        actor.Require(Permissions.CasesRead);
        var views = new List<CaseViewDto>
        {
            new(null, MyOpen, text["CaseLists.Views.MyOpen"], new CaseQuery(Mine: true, OpenOnly: true), true),
        };
        if (actor.UnitId is { } unit)
        {
            views.Add(new(null, UnitOverdue, text["CaseLists.Views.UnitOverdue"],
                new CaseQuery(UnitId: unit, IncludeSubunits: true, Clock: CaseClockFilter.Breached, OpenOnly: true), true));
        }

        views.Add(new(null, DueSoon, text["CaseLists.Views.DueSoon"],
            new CaseQuery(Clock: CaseClockFilter.DueSoon, OpenOnly: true, Sort: CaseSort.DueSoonest), true));
        return views;
    }

    /// <summary>The built-in views, then the actor's own in their order.</summary>
    public async Task<IReadOnlyList<CaseViewDto>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        var views = BuiltIn(actor).ToList();
        var own = await db.SavedViews.AsNoTracking().Where(v => v.AccountId == actor.AccountId)
            .OrderBy(v => v.SortOrder).ThenBy(v => v.Name).ToListAsync(ct);
        views.AddRange(own.Select(ToDto));
        return views;
    }

    /// <summary>The query of a view by built-in key or by id (the actor's own only; others' answer 404).</summary>
    public async Task<CaseQuery> QueryOfAsync(Actor actor, string view, CancellationToken ct = default)
    {
        if (BuiltIn(actor).FirstOrDefault(v => v.Key == view) is { } builtIn)
        {
            return builtIn.Query;
        }

        var id = Guid.TryParse(view, out var g) ? g : Guid.Empty;
        var saved = await db.SavedViews.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id && v.AccountId == actor.AccountId, ct)
            ?? throw new NotFoundException(text["CaseLists.Views.NotFound"]);
        return ToDto(saved).Query;
    }

    /// <summary>Saves a view under its name (a view of the same name is replaced). Cursor and page size are not kept.</summary>
    public async Task<CaseViewDto> SaveAsync(Actor actor, SaveCaseViewRequest r, CancellationToken ct = default)
    {
        actor.Require(Permissions.CasesRead);
        var name = Validation.Clean(r.Name);
        var query = (r.Query ?? new CaseQuery()) with { Cursor = null, PageSize = null };
        var json = JsonSerializer.Serialize(query, Json);
        var v = new Validation(text).Required("Name", name, NameLength);
        v.Check(json.Length <= 2000, "query", text["CaseLists.Views.QueryTooLong"]);
        v.ThrowIfAny();

        var view = await db.SavedViews.FirstOrDefaultAsync(x => x.AccountId == actor.AccountId && x.Name == name, ct);
        if (view is null)
        {
            var count = await db.SavedViews.CountAsync(x => x.AccountId == actor.AccountId, ct);
            if (count >= MaxViews)
            {
                throw new BusinessRuleException(text["CaseLists.Views.TooMany", MaxViews]);
            }

            view = new SavedCaseView
            {
                Id = Guid.CreateVersion7(), AccountId = actor.AccountId, Name = name!, SortOrder = count, CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.SavedViews.Add(view);
        }

        view.Query = json;
        await Norma.Shared.Persistence.SaveExtensions.SaveOrConflictAsync(db, text, ct);
        return ToDto(view);
    }

    public async Task DeleteAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(Permissions.CasesRead);
        var n = await db.SavedViews.Where(v => v.Id == id && v.AccountId == actor.AccountId).ExecuteDeleteAsync(ct);
        if (n == 0)
        {
            throw new NotFoundException(text["CaseLists.Views.NotFound"]);
        }
    }

    private static CaseViewDto ToDto(SavedCaseView v)
    {
        CaseQuery query;
        try
        {
            query = JsonSerializer.Deserialize<CaseQuery>(v.Query, Json) ?? new CaseQuery();
        }
        catch (JsonException)
        {
            query = new CaseQuery();
        }

        return new CaseViewDto(v.Id, null, v.Name, query, false);
    }
}
