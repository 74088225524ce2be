using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Norma.Modules.Cases.Data;
using Norma.Modules.Cases.Domain;
using Norma.Modules.Organization.Contracts;
using Norma.Modules.Platform.Data;
using Norma.Rules.Access;
using Norma.Rules.Cases;
using Norma.Shared;
using Norma.Shared.Access;
using Norma.Shared.Errors;

namespace Norma.Modules.Cases.Features.Reports;

/// <summary>Minutes, fees (分) and number of work lines of one charge type (收费类别).</summary>
public sealed record ChargeTotal(ChargeType Charge, int Lines, int Minutes, long FeeFen);

/// <summary>One line of the 技术员工作日报表: a work record of the day with its case.</summary>
public sealed record TechnicianDailyLine(
    Guid CaseId, string CaseNumber, string? Customer, string Title, string ItemName, int Minutes, ChargeType Charge, string? Parts,
    long FeeFen, string Description, DateTime At);

/// <summary>技术员工作日报表: one technician, one local day; totals always list the four charge types.</summary>
public sealed record TechnicianDailyReport(
    Guid AccountId, string AccountName, DateOnly Date, IReadOnlyList<TechnicianDailyLine> Lines, IReadOnlyList<ChargeTotal> ByCharge,
    int TotalMinutes, long TotalFeeFen);

/// <summary>The day's counts of a unit subtree: cases received, dispatched, completed, closed that day; open and paused at its end; clocks breached that day.</summary>
public sealed record SupervisorCounts(int Received, int Dispatched, int Completed, int Closed, int OpenAtEndOfDay, int Breached, int PausedAtEndOfDay);

/// <summary>One technician's day within the unit: distinct cases worked, minutes (also per charge type) and fees.</summary>
public sealed record TechnicianTotal(
    Guid AccountId, string AccountName, int Cases, int Minutes, long FeeFen, int PaidMinutes, int ContractMinutes, int FreeMinutes, int InternalMinutes);

/// <summary>服务主任日报表 of a unit and its sub-units for one local day.</summary>
public sealed record SupervisorDailyReport(
    Guid UnitId, string UnitName, DateOnly Date, SupervisorCounts Counts, IReadOnlyList<TechnicianTotal> ByTechnician, IReadOnlyList<ChargeTotal> ByCharge,
    int TotalMinutes, long TotalFeeFen);

/// <summary>A row of the 来电来访登记表. The phone is always masked: reports never show whole phone numbers.</summary>
public sealed record LedgerRow(
    Guid CaseId, DateTime ReceivedAt, string Number, CaseChannel Channel, string? CallerName, string? Phone, string? Address, string ItemName,
    string Title, string OwnerName, CaseStatus Status, DateTime? ClosedAt);

/// <summary>The ledger for a local date range; <see cref="Truncated"/> when more than <see cref="Limit"/> rows matched (the Excel holds more).</summary>
public sealed record LedgerReport(
    DateOnly From, DateOnly To, Guid? UnitId, CaseChannel? Channel, IReadOnlyList<LedgerRow> Rows, int Total, bool Truncated, int Limit);

public sealed record LedgerQuery(DateOnly? From = null, DateOnly? To = null, Guid? UnitId = null, CaseChannel? Channel = null);

public sealed record ReportPerson(Guid Id, string Name, string? UnitName);

public sealed record ReportUnit(Guid Id, string Code, string Name, int Depth);

/// <summary>What the report pickers offer this actor: people and units it may ask about (the server checks again).</summary>
public sealed record ReportOptions(
    Guid AccountId, bool CanDispatch, IReadOnlyList<ReportPerson> People, IReadOnlyList<ReportUnit> SupervisorUnits, IReadOnlyList<ReportUnit> LedgerUnits,
    Guid? DefaultUnitId, DateOnly Today);

/// <summary>
/// The seed's daily forms (售后服务管理办法 十五、十六): 技术员工作日报表, 服务主任日报表, and the 来电来访登记表 (叫修登记簿)
/// over a date range. Every query is narrowed in SQL by <see cref="CaseAccess.FilterAsync"/> with cases.read, so no
/// report or export shows a case its reader could not open. Days are local (Asia/Shanghai); money stays in fen.
/// </summary>
public sealed class CaseReportService(
    CasesDbContext db, PlatformDbContext platform, IOrgDirectory org, IStringLocalizer<SharedResource> text, TimeProvider clock)
{
    public const int MaxLedgerDays = 92;
    public const int ScreenLimit = 5_000;
    public const int ExcelLimit = 50_000;

    public async Task<TechnicianDailyReport> TechnicianDailyAsync(Actor actor, Guid? accountId, DateOnly? date, CancellationToken ct = default)
    {
        var read = await CaseAccess.FilterAsync(actor, Permissions.CasesRead, org, ct);
        var day = date ?? OrgTime.Today(clock);
        var (personId, personName) = await PersonAsync(actor, accountId, ct);

        var lines = await (
            from w in db.Work.AsNoTracking()
            where w.AccountId == personId && w.WorkDate == day
            join c in db.Cases.AsNoTracking().Where(read) on w.CaseId equals c.Id
            select new { w.CaseId, c.Number, c.CallerName, c.Title, c.ItemName, w.Minutes, w.Charge, w.Parts, w.FeeFen, w.Description, w.At, w.Id })
            .ToListAsync(ct);

        var rows = lines.OrderBy(l => l.At).ThenBy(l => l.Id)
            .Select(l => new TechnicianDailyLine(l.CaseId, l.Number, l.CallerName, l.Title, l.ItemName, l.Minutes, l.Charge, l.Parts, l.FeeFen, l.Description, Utc(l.At)))
            .ToList();
        return new TechnicianDailyReport(personId, personName, day, rows,
            ByCharge(rows.Select(r => (r.Charge, r.Minutes, r.FeeFen))), rows.Sum(r => r.Minutes), rows.Sum(r => r.FeeFen));
    }

    public async Task<SupervisorDailyReport> SupervisorDailyAsync(Actor actor, Guid? unitId, DateOnly? date, CancellationToken ct = default)
    {
        var read = await CaseAccess.FilterAsync(actor, Permissions.CasesRead, org, ct);
        var dispatch = actor.Require(Permissions.CasesDispatch);
        var day = date ?? OrgTime.Today(clock);
        var units = await org.UnitsAsync(ct);
        var unit = units.FirstOrDefault(u => u.Id == (unitId ?? actor.UnitId));
        if (unit is null || !ScopeRule.Reaches(dispatch, actor.Subject, new ScopeTarget(null, unit.Id, unit.Path)))
        {
            throw new NotFoundException(text["CaseReport.UnitNotFound"]);
        }

        var subtree = units.Where(u => UnitPath.IsWithin(u.Path, unit.Path)).Select(u => u.Id).ToList();
        var (from, to) = Window(day, day);
        var cases = db.Cases.AsNoTracking().Where(read).Where(c => subtree.Contains(c.UnitId));
        var ended = new[] { CaseStatus.Cancelled, CaseStatus.Merged };

        var received = await cases.CountAsync(c => c.CreatedAt >= from && c.CreatedAt < to, ct);
        var dispatched = await cases.CountAsync(c => c.DispatchedAt >= from && c.DispatchedAt < to, ct);
        var completed = await cases.CountAsync(c => c.CompletedAt >= from && c.CompletedAt < to, ct);
        var closed = await cases.CountAsync(c => c.ClosedAt >= from && c.ClosedAt < to, ct);
        var open = await cases.CountAsync(c => c.CreatedAt < to && (c.ClosedAt == null || c.ClosedAt >= to) && !ended.Contains(c.Status), ct);
        var breached = await cases.CountAsync(c => db.Clocks.Any(k => k.CaseId == c.Id && k.BreachedAt >= from && k.BreachedAt < to), ct);
        var paused = await cases.CountAsync(c => db.Pauses.Any(p => p.CaseId == c.Id && p.From < to && (p.To == null || p.To >= to)), ct);

        var work = await (
            from w in db.Work.AsNoTracking()
            where w.WorkDate == day
            join c in cases on w.CaseId equals c.Id
            select new { w.AccountId, w.AccountName, w.CaseId, w.Minutes, w.Charge, w.FeeFen })
            .ToListAsync(ct);
        var byTechnician = work.GroupBy(w => w.AccountId)
            .Select(g => new TechnicianTotal(
                g.Key, g.First().AccountName, g.Select(w => w.CaseId).Distinct().Count(), g.Sum(w => w.Minutes), g.Sum(w => w.FeeFen),
                g.Where(w => w.Charge == ChargeType.Paid).Sum(w => w.Minutes), g.Where(w => w.Charge == ChargeType.Contract).Sum(w => w.Minutes),
                g.Where(w => w.Charge == ChargeType.Free).Sum(w => w.Minutes), g.Where(w => w.Charge == ChargeType.Internal).Sum(w => w.Minutes)))
            .OrderBy(t => t.AccountName, StringComparer.Ordinal).ThenBy(t => t.AccountId)
            .ToList();

        return new SupervisorDailyReport(unit.Id, unit.Name, day,
            new SupervisorCounts(received, dispatched, completed, closed, open, breached, paused),
            byTechnician, ByCharge(work.Select(w => (w.Charge, w.Minutes, w.FeeFen))), work.Sum(w => w.Minutes), work.Sum(w => w.FeeFen));
    }

    public Task<LedgerReport> LedgerAsync(Actor actor, LedgerQuery q, CancellationToken ct = default) => LedgerAsync(actor, q, ScreenLimit, ct);

    /// <summary>The 来电来访登记表 rows, oldest first, at most <paramref name="limit"/> (5 000 on screen, 50 000 in Excel).</summary>
    public async Task<LedgerReport> LedgerAsync(Actor actor, LedgerQuery q, int limit, CancellationToken ct = default)
    {
        var read = await CaseAccess.FilterAsync(actor, Permissions.CasesRead, org, ct);
        var today = OrgTime.Today(clock);
        var fromDay = q.From ?? q.To ?? today;
        var toDay = q.To ?? q.From ?? today;
        if (toDay < fromDay)
        {
            throw ValidationFailedException.For("to", text["CaseReport.RangeReversed"]);
        }

        if (toDay.DayNumber - fromDay.DayNumber + 1 > MaxLedgerDays)
        {
            throw ValidationFailedException.For("to", text["CaseReport.RangeTooLong", MaxLedgerDays]);
        }

        var (from, to) = Window(fromDay, toDay);
        var cases = db.Cases.AsNoTracking().Where(read).Where(c => c.CreatedAt >= from && c.CreatedAt < to);
        if (q.UnitId is { } unitId)
        {
            var units = await org.UnitsAsync(ct);
            var unit = units.FirstOrDefault(u => u.Id == unitId) ?? throw new NotFoundException(text["CaseReport.UnitNotFound"]);
            var subtree = units.Where(u => UnitPath.IsWithin(u.Path, unit.Path)).Select(u => u.Id).ToList();
            cases = cases.Where(c => subtree.Contains(c.UnitId));
        }

        if (q.Channel is { } channel)
        {
            cases = cases.Where(c => c.Channel == channel);
        }

        var total = await cases.CountAsync(ct);
        var rows = await cases.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Take(limit)
            .Select(c => new { c.Id, c.CreatedAt, c.Number, c.Channel, c.CallerName, c.CallerPhone, c.Address, c.ItemName, c.Title, c.OwnerName, c.Status, c.ClosedAt })
            .ToListAsync(ct);
        return new LedgerReport(fromDay, toDay, q.UnitId, q.Channel,
            rows.Select(c => new LedgerRow(c.Id, Utc(c.CreatedAt), c.Number, c.Channel, c.CallerName, Pii.MaskPhone(c.CallerPhone), c.Address, c.ItemName,
                c.Title, c.OwnerName, c.Status, c.ClosedAt is { } closedAt ? Utc(closedAt) : null)).ToList(),
            total, total > rows.Count, limit);
    }

    /// <summary>The people and units the pickers offer: oneself, and with cases.dispatch everyone in the units it reaches.</summary>
    public async Task<ReportOptions> OptionsAsync(Actor actor, CancellationToken ct = default)
    {
        var readScope = actor.Require(Permissions.CasesRead);
        var dispatch = actor.ScopeOf(Permissions.CasesDispatch);
        var units = await org.UnitsAsync(ct);
        var names = units.ToDictionary(u => u.Id, u => u.Name);
        var root = units.Count == 0 ? 0 : units.Min(u => Depth(u.Path));
        List<ReportUnit> Reached(DataScope scope) => units
            .Where(u => ScopeRule.Reaches(scope, actor.Subject, new ScopeTarget(null, u.Id, u.Path)))
            .Select(u => new ReportUnit(u.Id, u.Code, u.Name, Depth(u.Path) - root)).ToList();

        var supervisorUnits = dispatch is { } d ? Reached(d) : [];
        var people = new List<ReportPerson> { new(actor.AccountId, actor.DisplayName, actor.UnitId is { } own ? names.GetValueOrDefault(own) : null) };
        if (supervisorUnits.Count > 0)
        {
            var ids = supervisorUnits.Select(u => u.Id).ToList();
            var staff = await platform.Users.AsNoTracking().Where(u => u.IsActive && u.UnitId != null && ids.Contains(u.UnitId.Value) && u.Id != actor.AccountId)
                .Select(u => new { u.Id, u.FullName, u.UnitId }).ToListAsync(ct);
            people.AddRange(staff.OrderBy(s => s.FullName, StringComparer.Ordinal)
                .Select(s => new ReportPerson(s.Id, s.FullName, names.GetValueOrDefault(s.UnitId!.Value))));
        }

        return new ReportOptions(actor.AccountId, dispatch is not null, people, supervisorUnits, Reached(readScope),
            supervisorUnits.Any(u => u.Id == actor.UnitId) ? actor.UnitId : supervisorUnits.FirstOrDefault()?.Id, OrgTime.Today(clock));
    }

    /// <summary>
    /// Whose report: oneself with cases.read; another person only with cases.dispatch reaching that person's unit (403
    /// without the permission, 404 when the person is unknown or out of reach: never reveal which). Accounts are read
    /// read-only from the platform context that owns them, as the calendars do (the organization has no account contract yet).
    /// </summary>
    private async Task<(Guid Id, string Name)> PersonAsync(Actor actor, Guid? accountId, CancellationToken ct)
    {
        if (accountId is null || accountId == actor.AccountId)
        {
            return (actor.AccountId, actor.DisplayName);
        }

        var dispatch = actor.Require(Permissions.CasesDispatch);
        var person = await platform.Users.AsNoTracking().Where(u => u.Id == accountId)
            .Select(u => new { u.Id, u.FullName, u.UnitId, Path = u.Unit != null ? u.Unit.Path : null }).FirstOrDefaultAsync(ct);
        if (person is null || !ScopeRule.Reaches(dispatch, actor.Subject, new ScopeTarget(person.Id, person.UnitId, person.Path)))
        {
            throw new NotFoundException(text["CaseReport.PersonNotFound"]);
        }

        return (person.Id, person.FullName);
    }

    /// <summary>All four charge types, in the order of the paper form (A, B, C, D), zeros included.</summary>
    private static List<ChargeTotal> ByCharge(IEnumerable<(ChargeType Charge, int Minutes, long FeeFen)> lines)
    {
        var list = lines.ToList();
        return Enum.GetValues<ChargeType>()
            .Select(t => new ChargeTotal(t, list.Count(l => l.Charge == t), list.Where(l => l.Charge == t).Sum(l => l.Minutes), list.Where(l => l.Charge == t).Sum(l => l.FeeFen)))
            .ToList();
    }

    /// <summary>The UTC instants [start of the first local day, start of the day after the last).</summary>
    public static (DateTime From, DateTime To) Window(DateOnly first, DateOnly last) =>
        (StartUtc(first), StartUtc(last.AddDays(1)));

    private static DateTime StartUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), OrgTime.Zone);

    private static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);

    private static int Depth(string path) => path.Count(ch => ch == '/');
}
