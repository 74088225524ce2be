using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Norma.Modules.Catalog.Data;
using Norma.Modules.Catalog.Domain;
using Norma.Modules.Organization.Contracts;
using Norma.Modules.Standards.Contracts;
using Norma.Rules.Calendars;
using Norma.Rules.Catalog;
using Norma.Shared;
using Norma.Shared.Access;
using Norma.Shared.Errors;
using Norma.Shared.Persistence;

namespace Norma.Modules.Catalog.Features.Items;

public sealed record MaterialDto(string? Name, MaterialForm Form = MaterialForm.Original, int Copies = 1, bool Required = true, string? Notes = null);

public sealed record ItemSummaryDto(
    Guid Id, string Code, string Name, ItemCategory Category, Guid UnitId, string UnitName, HandlingKind Handling, bool IsPublic,
    string? CommittedLimit, int CommitmentCount, int MaterialCount, bool IsRetired);

public sealed record TemplateRef(Guid Id, string Code, string Name, int? PublishedNumber);

public sealed record ItemDto(
    Guid Id, string Code, string Name, ItemCategory Category, Guid UnitId, string UnitName, string? Description, string? LegalBasis,
    string? LegalLimit, string? CommittedLimit, string? FeeRule, Channels Channels, bool IsPublic, HandlingKind Handling,
    string NumberingPattern, string? NumberingUnitCode, string NumberExample, TemplateRef? ProcessTemplate, bool IsRetired,
    IReadOnlyList<MaterialDto> Materials, IReadOnlyList<CommitmentDto> Commitments, IReadOnlyList<CitedClause> Citations,
    DateTime UpdatedAt, int Version);

public sealed record SaveItemRequest(
    string? Code, string? Name, ItemCategory Category, Guid? UnitId, string? Description = null, string? LegalBasis = null,
    string? LegalLimit = null, string? CommittedLimit = null, string? FeeRule = null, Channels Channels = Channels.Phone | Channels.Visit,
    bool IsPublic = true, HandlingKind Handling = HandlingKind.Promised, string? NumberingPattern = null, string? NumberingUnitCode = null,
    Guid? ProcessTemplateId = null, bool IsRetired = false, IReadOnlyList<MaterialDto>? Materials = null, int? Version = null);

public sealed record ItemQuery(string? Search = null, ItemCategory? Category = null, Guid? UnitId = null, bool IncludeRetired = false);

public sealed record SetItemCitationsRequest(IReadOnlyList<CitationTarget>? Targets);

/// <summary>Service items (服务事项): what the organization offers, the 材料清单 and the time limits it is bound by.</summary>
public sealed partial class ItemService(
    CatalogDbContext db, IOrgDirectory org, IStandardCitations citations, IStringLocalizer<SharedResource> text, TimeProvider clock)
{
    public const string CitationSource = "catalog.item";
    public const string DefaultNumbering = "{item}-{yyyy}{MM}{dd}-{seq:4}";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex CodePattern();

    public async Task<IReadOnlyList<ItemSummaryDto>> ListAsync(Actor actor, ItemQuery q, CancellationToken ct = default)
    {
        actor.RequireRead();
        var query = db.Items.AsNoTracking();
        if (!q.IncludeRetired)
        {
            query = query.Where(i => !i.IsRetired);
        }

        if (q.Category is { } cat)
        {
            query = query.Where(i => i.Category == cat);
        }

        if (q.UnitId is { } unit)
        {
            query = query.Where(i => i.UnitId == unit);
        }

        if (Validation.Clean(q.Search) is { } s)
        {
            query = query.Where(i => i.Code.Contains(s) || i.Name.Contains(s));
        }

        var items = await query.OrderBy(i => i.Code)
            .Select(i => new { i.Id, i.Code, i.Name, i.Category, i.UnitId, i.Handling, i.IsPublic, i.CommittedLimit, i.IsRetired, Materials = i.Materials.Count })
            .ToListAsync(ct);
        var ids = items.Select(i => i.Id).ToList();
        var commitments = await db.Commitments.Where(c => ids.Contains(c.ItemId) && c.IsActive).GroupBy(c => c.ItemId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var names = (await org.UnitsAsync(ct)).ToDictionary(u => u.Id, u => u.Name);
        return items.Select(i => new ItemSummaryDto(i.Id, i.Code, i.Name, i.Category, i.UnitId, names.GetValueOrDefault(i.UnitId, "?"), i.Handling, i.IsPublic,
            i.CommittedLimit, commitments.GetValueOrDefault(i.Id), i.Materials, i.IsRetired)).ToList();
    }

    /// <summary>The units the actor may file items under (those its catalog.edit scope reaches), parents first.</summary>
    public async Task<IReadOnlyList<UnitInfo>> UnitChoicesAsync(Actor actor, CancellationToken ct = default)
    {
        actor.RequireRead();
        return (await org.UnitsAsync(ct)).Where(u => actor.Reaches(Permissions.CatalogEdit, new Rules.Access.ScopeTarget(null, u.Id, u.Path))).ToList();
    }

    public async Task<ItemDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.RequireRead();
        var item = await db.Items.AsNoTracking().Include(i => i.Materials).FirstOrDefaultAsync(i => i.Id == id, ct)
            ?? throw new NotFoundException(text["Catalog.ItemNotFound"]);
        return await ToDtoAsync(item, ct);
    }

    public async Task<ItemDto> GetByCodeAsync(Actor actor, string code, CancellationToken ct = default)
    {
        actor.RequireRead();
        var id = await db.Items.Where(i => i.Code == code).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct) ?? throw new NotFoundException(text["Catalog.ItemNotFound"]);
        return await GetAsync(actor, id, ct);
    }

    public async Task<ItemDto> CreateAsync(Actor actor, SaveItemRequest r, CancellationToken ct = default)
    {
        actor.Require(Permissions.CatalogEdit);
        db.AuditActor = actor.ForAudit();
        var unit = await ValidateAsync(r, null, ct);
        actor.RequireEditFor(unit, text["Catalog.ForbiddenUnit"]);
        var now = clock.GetUtcNow().UtcDateTime;
        var item = new ServiceItem { Id = Guid.CreateVersion7(), CreatedAt = now };
        Apply(item, r, now);
        db.Items.Add(item);
        await db.SaveOrConflictAsync(text, ct);
        return await GetAsync(actor, item.Id, ct);
    }

    public async Task<ItemDto> UpdateAsync(Actor actor, Guid id, SaveItemRequest r, CancellationToken ct = default)
    {
        actor.Require(Permissions.CatalogEdit);
        db.AuditActor = actor.ForAudit();
        var item = await db.Items.Include(i => i.Materials).FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw new NotFoundException(text["Catalog.ItemNotFound"]);
        var all = await org.UnitsAsync(ct);
        actor.RequireEditFor(all.FirstOrDefault(u => u.Id == item.UnitId), text["Catalog.ForbiddenUnit"]);
        var unit = await ValidateAsync(r, id, ct);
        actor.RequireEditFor(unit, text["Catalog.ForbiddenUnit"]);
        db.ExpectVersion(item, r.Version);
        Apply(item, r, clock.GetUtcNow().UtcDateTime);
        await db.SaveOrConflictAsync(text, ct);

        // The standards' 引用 lists name the item: keep the name they show current.
        await citations.RelabelAsync(actor, CitationSource, item.Id.ToString(), Label(item), ct);
        return await GetAsync(actor, id, ct);
    }

    /// <summary>设定依据: the standards and clauses the item implements (traceability in the standards library).</summary>
    public async Task<ItemDto> SetCitationsAsync(Actor actor, Guid id, SetItemCitationsRequest r, CancellationToken ct = default)
    {
        actor.Require(Permissions.CatalogEdit);
        var item = await db.Items.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw new NotFoundException(text["Catalog.ItemNotFound"]);
        actor.RequireEditFor((await org.UnitsAsync(ct)).FirstOrDefault(u => u.Id == item.UnitId), text["Catalog.ForbiddenUnit"]);
        await citations.SetAsync(actor, CitationSource, item.Id.ToString(), Label(item), r.Targets ?? [], ct);
        return await GetAsync(actor, id, ct);
    }

    private void Apply(ServiceItem item, SaveItemRequest r, DateTime now)
    {
        item.Code = r.Code!.Trim();
        item.Name = r.Name!.Trim();
        item.Category = r.Category;
        item.UnitId = r.UnitId!.Value;
        item.Description = Validation.Clean(r.Description);
        item.LegalBasis = Validation.Clean(r.LegalBasis);
        item.LegalLimit = NormalizeLimit(r.LegalLimit);
        item.CommittedLimit = NormalizeLimit(r.CommittedLimit);
        item.FeeRule = Validation.Clean(r.FeeRule);
        item.Channels = r.Channels;
        item.IsPublic = r.IsPublic;
        item.Handling = r.Handling;
        item.NumberingPattern = Validation.Clean(r.NumberingPattern) ?? DefaultNumbering;
        item.NumberingUnitCode = Validation.Clean(r.NumberingUnitCode);
        item.ProcessTemplateId = r.ProcessTemplateId;
        item.IsRetired = r.IsRetired;
        item.UpdatedAt = now;

        // The list is replaced as a whole: it is edited and printed as one table.
        item.Materials.Clear();
        var order = 0;
        foreach (var m in r.Materials ?? [])
        {
            var material = new ItemMaterial
            {
                Id = Guid.CreateVersion7(), ItemId = item.Id, SortOrder = ++order, Name = m.Name!.Trim(), Form = m.Form, Copies = m.Copies,
                Required = m.Required, Notes = Validation.Clean(m.Notes),
            };

            // Added explicitly: a new row with a client-made key found through the navigation would be taken for an update.
            db.Materials.Add(material);
            item.Materials.Add(material);
        }
    }

    private static string Label(ServiceItem item) => $"{item.Code} {item.Name}";

    private static string? NormalizeLimit(string? s) => Validation.Clean(s) is { } t && TimeLimit.TryParse(t, out var l) ? l.ToString() : null;

    private async Task<UnitInfo> ValidateAsync(SaveItemRequest r, Guid? self, CancellationToken ct)
    {
        var v = new Validation(text).Required("Code", r.Code, 32).Pattern("Code", r.Code, CodePattern(), "Validation.Code").Required("Name", r.Name, 100)
            .Optional("Description", r.Description, 2000).Optional("LegalBasis", r.LegalBasis, 2000).Optional("FeeRule", r.FeeRule, 500)
            .Optional("NumberingPattern", r.NumberingPattern, 64).Optional("NumberingUnitCode", r.NumberingUnitCode, 16)
            .Pattern("NumberingUnitCode", r.NumberingUnitCode, CodePattern(), "Validation.Code");
        v.Check(Enum.IsDefined(r.Category), "Category", text["Validation.Required", text["Field.Category"]]);
        v.Check(Enum.IsDefined(r.Handling), "Handling", text["Validation.Required", text["Field.Handling"]]);
        v.Check(r.Channels != Channels.None && ((int)r.Channels & ~255) == 0, "Channels", text["Catalog.ChannelsRequired"]);
        foreach (var (field, value) in new[] { ("LegalLimit", r.LegalLimit), ("CommittedLimit", r.CommittedLimit) })
        {
            v.Check(Validation.Clean(value) is not { } s || TimeLimit.TryParse(s, out _), field, text["Catalog.LimitInvalid"]);
        }

        if (TimeLimit.TryParse(r.LegalLimit, out var legal) && TimeLimit.TryParse(r.CommittedLimit, out var committed) && legal.Unit == committed.Unit && legal.Basis == committed.Basis)
        {
            // 承诺时限 is a promise to do better than the law, never worse.
            v.Check(committed.Amount <= legal.Amount, "CommittedLimit", text["Catalog.CommittedOverLegal"]);
        }

        var pattern = Validation.Clean(r.NumberingPattern);
        if (pattern is not null && !NumberingRule.TryParse(pattern, out _, out var patternError))
        {
            v.Add("NumberingPattern", text["Catalog.NumberingInvalid", patternError ?? ""]);
        }

        var materials = r.Materials ?? [];
        v.Check(materials.Count <= 100, "Materials", text["Catalog.TooManyMaterials"]);
        for (var i = 0; i < materials.Count; i++)
        {
            if (materials[i] is not { } m)
            {
                v.Add($"Materials[{i}].Name", text["Catalog.MaterialName", i + 1]);
                continue;
            }

            v.Check(!string.IsNullOrWhiteSpace(m.Name) && m.Name.Trim().Length <= 200, $"Materials[{i}].Name", text["Catalog.MaterialName", i + 1]);
            v.Check(Enum.IsDefined(m.Form), $"Materials[{i}].Form", text["Validation.Required", text["Field.Form"]]);
            v.Check(m.Copies is >= 0 and <= 99, $"Materials[{i}].Copies", text["Catalog.MaterialCopies", i + 1]);
            v.Check(m.Notes is null || m.Notes.Length <= 500, $"Materials[{i}].Notes", text["Validation.TooLong", text["Field.Notes"], 500]);
        }

        if (!string.IsNullOrWhiteSpace(r.Code))
        {
            var code = r.Code.Trim();
            v.Check(!await db.Items.AnyAsync(i => i.Code == code && i.Id != self, ct), "Code", text["Catalog.CodeTaken", code]);
        }

        if (r.ProcessTemplateId is { } tid)
        {
            var usable = await db.Templates.AnyAsync(t => t.Id == tid && !t.IsRetired, ct)
                         && await db.TemplateVersions.AnyAsync(x => x.TemplateId == tid && x.Status == TemplateVersionStatus.Published, ct);
            v.Check(usable, "ProcessTemplateId", text["Catalog.TemplateNotPublished"]);
        }

        var unit = r.UnitId is { } uid ? (await org.UnitsAsync(ct)).FirstOrDefault(u => u.Id == uid) : null;
        v.Check(unit is not null, "UnitId", text["Validation.Required", text["Field.UnitId"]]);
        v.ThrowIfAny();
        return unit!;
    }

    private async Task<ItemDto> ToDtoAsync(ServiceItem i, CancellationToken ct)
    {
        var unitName = (await org.UnitsAsync(ct)).FirstOrDefault(u => u.Id == i.UnitId)?.Name ?? "?";
        var commitments = await db.Commitments.AsNoTracking().Where(c => c.ItemId == i.Id).OrderBy(c => c.SortOrder).ToListAsync(ct);
        TemplateRef? template = null;
        if (i.ProcessTemplateId is { } tid)
        {
            var t = await db.Templates.AsNoTracking().FirstAsync(x => x.Id == tid, ct);
            var number = await db.TemplateVersions.Where(x => x.TemplateId == tid && x.Status == TemplateVersionStatus.Published)
                .Select(x => (int?)x.Number).FirstOrDefaultAsync(ct);
            template = new TemplateRef(t.Id, t.Code, t.Name, number);
        }

        var cited = await citations.ListForSourceAsync(CitationSource, i.Id.ToString(), ct);
        return new ItemDto(i.Id, i.Code, i.Name, i.Category, i.UnitId, unitName, i.Description, i.LegalBasis, i.LegalLimit, i.CommittedLimit, i.FeeRule,
            i.Channels, i.IsPublic, i.Handling, i.NumberingPattern, i.NumberingUnitCode, NumberExample(i), template, i.IsRetired,
            i.Materials.OrderBy(m => m.SortOrder).Select(m => new MaterialDto(m.Name, m.Form, m.Copies, m.Required, m.Notes)).ToList(),
            commitments.Select(CommitmentService.ToDto).ToList(), cited, DateTime.SpecifyKind(i.UpdatedAt, DateTimeKind.Utc), i.Version);
    }

    /// <summary>What the first case of today would be numbered, so the officer can check the rule.</summary>
    private string NumberExample(ServiceItem i) =>
        NumberingRule.TryParse(i.NumberingPattern, out var rule, out _)
            ? rule.Format(i.NumberingUnitCode ?? i.Code, i.Code, OrgTime.Today(clock), 1)
            : "";
}
