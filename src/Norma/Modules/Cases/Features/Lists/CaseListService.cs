using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Norma.Modules.Cases.Data;
using Norma.Modules.Cases.Domain;
using Norma.Modules.Organization.Contracts;
using Norma.Rules.Access;
using Norma.Rules.Cases;
using Norma.Shared;
using Norma.Shared.Access;

namespace Norma.Modules.Cases.Features.Lists;

/// <summary>
/// Case lists and search (SPEC §4): filters, whitelisted sorts and keyset paging, always inside the actor's data scope
/// (<see cref="CaseAccess.FilterAsync"/>). No OFFSET and no total on the hot path: a page costs the same at page 1 and
/// page 500. Keyset predicates are written as "value ≤ t AND (value &lt; t OR id &lt; id)" so that both providers seek
/// the (value, id) index instead of filtering.
/// </summary>
public sealed class CaseListService(CasesDbContext db, IOrgDirectory org, IStringLocalizer<SharedResource> text, TimeProvider clock)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int DefaultDueWithinHours = 4;
    public const int CountCap = 10_000;
    public const int MaxTextLength = 100;

    private static readonly System.Linq.Expressions.Expression<Func<Case, RowData>> Project = c => new RowData(
        c.Id, c.Number, c.Title, c.ItemCode, c.ItemName, c.Channel, c.Priority, c.Status, c.IsPaused, c.UnitId, c.OwnerName, c.AssigneeName,
        c.CallerName, c.CallerPhone, c.CreatedAt, c.NextDueAt, c.ClockFlag);

    public async Task<CasePage> ListAsync(Actor actor, CaseQuery q, CancellationToken ct = default)
    {
        var (query, cursor, size) = await PrepareAsync(actor, q, ct);
        var rows = new List<RowData>(size + 1);
        switch (q.Sort)
        {
            case CaseSort.Oldest:
                if (cursor is { } o)
                {
                    var t = o.At!.Value;
                    var id = o.Id;
                    query = query.Where(c => c.CreatedAt >= t && (c.CreatedAt > t || c.Id.CompareTo(id) > 0));
                }

                rows.AddRange(await query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Take(size + 1).Select(Project).ToListAsync(ct));
                break;
            case CaseSort.DueSoonest:
                // Two index-ordered runs instead of one "nulls last" sort that no index serves on both providers:
                // the cases with a running clock by due instant, then those without by id.
                if (cursor is not { Ticks: null })
                {
                    var running = query.Where(c => c.NextDueAt != null);
                    if (cursor is { At: { } t })
                    {
                        var id = cursor.Value.Id;
                        running = running.Where(c => c.NextDueAt >= t && (c.NextDueAt > t || c.Id.CompareTo(id) > 0));
                    }

                    rows.AddRange(await running.OrderBy(c => c.NextDueAt).ThenBy(c => c.Id).Take(size + 1).Select(Project).ToListAsync(ct));
                }

                if (rows.Count <= size)
                {
                    var idle = query.Where(c => c.NextDueAt == null);
                    if (cursor is { Ticks: null } n)
                    {
                        var id = n.Id;
                        idle = idle.Where(c => c.Id.CompareTo(id) > 0);
                    }

                    rows.AddRange(await idle.OrderBy(c => c.Id).Take(size + 1 - rows.Count).Select(Project).ToListAsync(ct));
                }

                break;
            default:
                if (cursor is { } d)
                {
                    var t = d.At!.Value;
                    var id = d.Id;
                    query = query.Where(c => c.CreatedAt <= t && (c.CreatedAt < t || c.Id.CompareTo(id) < 0));
                }

                rows.AddRange(await query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Take(size + 1).Select(Project).ToListAsync(ct));
                break;
        }

        var hasMore = rows.Count > size;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        var next = hasMore ? CursorAfter(q.Sort, rows[^1]).Encode() : null;
        return new CasePage(await ToRowsAsync(rows, ct), next, hasMore);
    }

    /// <summary>How many cases match, counted up to <see cref="CountCap"/> (for a badge; never on the paging path).</summary>
    public async Task<CaseCount> CountAsync(Actor actor, CaseQuery q, CancellationToken ct = default)
    {
        var (query, _, _) = await PrepareAsync(actor, q with { Cursor = null, PageSize = null }, ct);
        var n = await query.Take(CountCap + 1).CountAsync(ct);
        return new CaseCount(Math.Min(n, CountCap), n > CountCap);
    }

    /// <summary>The filtered, scoped cases in the list's order, up to <paramref name="limit"/>, without paging (exports).</summary>
    internal async Task<IReadOnlyList<CaseRow>> AllAsync(Actor actor, CaseQuery q, int limit, CancellationToken ct)
    {
        var (query, _, _) = await PrepareAsync(actor, q with { Cursor = null, PageSize = null }, ct);
        query = q.Sort switch
        {
            CaseSort.Oldest => query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
            CaseSort.DueSoonest => query.OrderBy(c => c.NextDueAt == null).ThenBy(c => c.NextDueAt).ThenBy(c => c.Id),
            _ => query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
        };
        return await ToRowsAsync(await query.Take(limit).Select(Project).ToListAsync(ct), ct);
    }

    private static CaseCursor CursorAfter(CaseSort sort, RowData last) => sort switch
    {
        CaseSort.DueSoonest => new CaseCursor(sort, last.NextDueAt?.Ticks, last.Id),
        _ => new CaseCursor(sort, last.CreatedAt.Ticks, last.Id),
    };

    private async Task<(IQueryable<Case> Query, CaseCursor? Cursor, int Size)> PrepareAsync(Actor actor, CaseQuery q, CancellationToken ct)
    {
        var scope = await CaseAccess.FilterAsync(actor, Permissions.CasesRead, org, ct);
        var (cursor, size, search) = Validate(q);
        var query = db.Cases.AsNoTracking().Where(scope);

        if (q.Statuses is { Count: > 0 } statuses)
        {
            var list = statuses.Distinct().ToList();
            query = list.Count == 1 ? query.Where(c => c.Status == list[0]) : query.Where(c => list.Contains(c.Status));
        }

        if (q.OpenOnly)
        {
            query = query.Where(c => c.Status != CaseStatus.Closed && c.Status != CaseStatus.Cancelled && c.Status != CaseStatus.Merged);
        }

        if (q.ItemId is { } item)
        {
            query = query.Where(c => c.ItemId == item);
        }

        if (q.UnitId is { } unit)
        {
            if (q.IncludeSubunits)
            {
                var units = await org.UnitsAsync(ct);
                var root = units.FirstOrDefault(u => u.Id == unit);
                var ids = root is null ? [unit] : units.Where(u => UnitPath.IsWithin(u.Path, root.Path)).Select(u => u.Id).ToList();
                query = ids.Count == 1 ? query.Where(c => c.UnitId == unit) : query.Where(c => ids.Contains(c.UnitId));
            }
            else
            {
                query = query.Where(c => c.UnitId == unit);
            }
        }

        if (q.OwnerId is { } owner)
        {
            query = query.Where(c => c.OwnerId == owner);
        }

        if (q.AssigneeId is { } assignee)
        {
            query = query.Where(c => c.AssigneeId == assignee);
        }

        if (q.Mine)
        {
            var me = actor.AccountId;
            query = query.Where(c => c.OwnerId == me || c.AssigneeId == me);
        }

        if (q.Channel is { } channel)
        {
            query = query.Where(c => c.Channel == channel);
        }

        if (q.Priority is { } priority)
        {
            query = query.Where(c => c.Priority == priority);
        }

        switch (q.Clock)
        {
            case CaseClockFilter.DueSoon:
                // Not yet due (a lower bound keeps the index range to the window, past the many breached clocks).
                var now = clock.GetUtcNow().UtcDateTime;
                var until = now.AddHours(q.DueWithinHours ?? DefaultDueWithinHours);
                query = query.Where(c => c.NextDueAt >= now && c.NextDueAt <= until && c.ClockFlag < 3);
                break;
            case CaseClockFilter.Warning:
                query = query.Where(c => c.ClockFlag == 2);
                break;
            case CaseClockFilter.Breached:
                query = query.Where(c => c.ClockFlag == 3);
                break;
            default:
                break;
        }

        if (q.CreatedFrom is { } from)
        {
            var start = StartOfDayUtc(from);
            query = query.Where(c => c.CreatedAt >= start);
        }

        if (q.CreatedTo is { } to)
        {
            var end = StartOfDayUtc(to.AddDays(1));
            query = query.Where(c => c.CreatedAt < end);
        }

        if (search is not null)
        {
            query = WhereText(query, search);
        }

        return (query, cursor, size);
    }

    /// <summary>
    /// A number-like term (letters, digits, '-') matches the case number by prefix, the hotline number or the phone exactly, or
    /// the title; anything else (Chinese words) can only be in the title.
    /// </summary>
    private static IQueryable<Case> WhereText(IQueryable<Case> query, string s)
    {
        var numberLike = s.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_');
        if (!numberLike)
        {
            return query.Where(c => c.Title.Contains(s));
        }

        return query.Where(c => c.Number.StartsWith(s) || c.ExternalNumber == s || c.CallerPhone == s || c.Title.Contains(s));
    }

    internal static DateTime StartOfDayUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), OrgTime.Zone);

    private (CaseCursor? Cursor, int Size, string? Search) Validate(CaseQuery q)
    {
        var v = new Validation(text);
        var size = q.PageSize ?? DefaultPageSize;
        v.Check(size is >= 1 and <= MaxPageSize, "pageSize", text["CaseLists.PageSize", MaxPageSize]);
        v.Check(q.DueWithinHours is null or (>= 1 and <= 24 * 30), "dueWithinHours", text["CaseLists.DueWithin"]);
        v.Check(q.CreatedFrom is null || q.CreatedTo is null || q.CreatedFrom <= q.CreatedTo, "createdTo", text["CaseLists.DateRange"]);
        v.Check(Enum.IsDefined(q.Sort), "sort", text["CaseLists.Sort"]);
        var search = Validation.Clean(q.Text);
        v.Check(search is null || search.Length <= MaxTextLength, "text", text["CaseLists.TextTooLong", MaxTextLength]);
        CaseCursor? cursor = null;
        if (q.Cursor is { Length: > 0 } raw)
        {
            var ok = CaseCursor.TryDecode(raw, out var decoded) && decoded.Sort == q.Sort;
            v.Check(ok, "cursor", text["CaseLists.BadCursor"]);
            cursor = ok ? decoded : null;
        }

        v.ThrowIfAny();
        return (cursor, size, search);
    }

    private async Task<IReadOnlyList<CaseRow>> ToRowsAsync(IReadOnlyList<RowData> cases, CancellationToken ct)
    {
        if (cases.Count == 0)
        {
            return [];
        }

        var names = (await org.UnitsAsync(ct)).ToDictionary(u => u.Id, u => u.Name);
        return cases.Select(c => new CaseRow(
            c.Id, c.Number, c.Title, c.ItemCode, c.ItemName, c.Channel, c.Priority, c.Status, c.IsPaused, c.UnitId,
            names.GetValueOrDefault(c.UnitId, "?"), c.OwnerName, c.AssigneeName, c.CallerName, Pii.MaskPhone(c.CallerPhone),
            c.CreatedAt, c.NextDueAt, c.ClockFlag)).ToList();
    }

    private sealed record RowData(
        Guid Id, string Number, string Title, string ItemCode, string ItemName, CaseChannel Channel, Catalog.Domain.Priority Priority, CaseStatus Status,
        bool IsPaused, Guid UnitId, string OwnerName, string? AssigneeName, string? CallerName, string? CallerPhone,
        DateTime CreatedAt, DateTime? NextDueAt, int ClockFlag);
}
