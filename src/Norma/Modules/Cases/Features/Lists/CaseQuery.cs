using Norma.Modules.Cases.Domain;
using Norma.Modules.Catalog.Domain;
using Norma.Rules.Cases;

namespace Norma.Modules.Cases.Features.Lists;

/// <summary>The orders a case list may take (a whitelist: no column name ever reaches SQL).</summary>
public enum CaseSort
{
    /// <summary>CreatedAt descending, then Id (the default).</summary>
    Newest = 0,
    Oldest = 1,

    /// <summary>NextDueAt ascending, cases without a running clock last, then Id.</summary>
    DueSoonest = 2,
}

/// <summary>Filters on the materialized clock columns.</summary>
public enum CaseClockFilter
{
    /// <summary>即将到期: a running clock due within <see cref="CaseQuery.DueWithinHours"/> hours and not yet breached.</summary>
    DueSoon = 1,

    /// <summary>预警 (ClockFlag 2).</summary>
    Warning = 2,

    /// <summary>超时 (ClockFlag 3): breached, open or met late.</summary>
    Breached = 3,
}

/// <summary>
/// A case list request (SPEC §4 lists and search). Dates are Asia/Shanghai local days, both ends inclusive. Text matches the
/// case number (exact or prefix), the hotline's number or the caller's phone (exact), or the title (contains).
/// The cursor is the opaque <see cref="CasePage.NextCursor"/> of the previous page, for the same sort.
/// </summary>
public sealed record CaseQuery(
    IReadOnlyList<CaseStatus>? Statuses = null,
    Guid? ItemId = null,
    Guid? UnitId = null,
    bool IncludeSubunits = false,
    Guid? OwnerId = null,
    Guid? AssigneeId = null,
    bool Mine = false,
    CaseChannel? Channel = null,
    Priority? Priority = null,
    CaseClockFilter? Clock = null,
    int? DueWithinHours = null,
    bool OpenOnly = false,
    DateOnly? CreatedFrom = null,
    DateOnly? CreatedTo = null,
    string? Text = null,
    CaseSort Sort = CaseSort.Newest,
    string? Cursor = null,
    int? PageSize = null);

/// <summary>A list line. The caller's phone is always masked: lists never show a whole number.</summary>
public sealed record CaseRow(
    Guid Id, string Number, string Title, string ItemCode, string ItemName, CaseChannel Channel, Priority Priority, CaseStatus Status,
    bool IsPaused, Guid UnitId, string UnitName, string OwnerName, string? AssigneeName, string? CallerName, string? CallerPhone,
    DateTime CreatedAt, DateTime? NextDueAt, int ClockFlag);

/// <summary>One page; no total on the hot path (see the count endpoint for a capped badge).</summary>
public sealed record CasePage(IReadOnlyList<CaseRow> Rows, string? NextCursor, bool HasMore);

/// <summary>A count capped at <see cref="CaseListService.CountCap"/> (IsCapped = "10 000+").</summary>
public sealed record CaseCount(int Count, bool IsCapped);
