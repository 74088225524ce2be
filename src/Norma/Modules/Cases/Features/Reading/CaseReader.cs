using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Norma.Modules.Cases.Domain;
using Norma.Modules.Cases.Features.Clocks;
using Norma.Modules.Cases.Features.Handling;
using Norma.Modules.Catalog.Contracts;
using Norma.Modules.Catalog.Domain;
using Norma.Modules.Organization.Contracts;
using Norma.Modules.Platform.Audit;
using Norma.Rules.Access;
using Norma.Rules.Cases;
using Norma.Rules.Processes;
using Norma.Shared;
using Norma.Shared.Access;
using Norma.Shared.Errors;

namespace Norma.Modules.Cases.Features.Reading;

public sealed record ClockDto(
    Guid Id, string Name, ClockMetric Metric, string? Milestone, string Limit, string? Extension, Guid CalendarId, int CalendarVersion,
    DateTime StartedAt, DateTime? DueAt, DateTime? WarnAt, DateTime? MetAt, ClockState State, long RemainingMinutes, long? LateMinutes,
    int EscalationLevel, bool IsActive);

public sealed record CaseEventDto(Guid Id, DateTime At, string ActorName, string Type, CaseStatus? FromStatus, CaseStatus? ToStatus, string? Note, JsonElement? Data);

public sealed record StepDto(Guid Id, string Key, string Name, DateTime ActivatedAt, DateTime? DueAt, string? Outcome, DateTime? EndedAt, string? EndedBy,
    IReadOnlyDictionary<string, string>? Values, IReadOnlyList<string> SignOffs, string? Note);

/// <summary>A step waiting to be done, with what completing it needs (form, checklist, sign-offs) and what else it allows.</summary>
public sealed record ActiveStepDto(string Key, string Name, string Assignee, DateTime? DueAt, string? Description, IReadOnlyList<FormField> Form,
    IReadOnlyList<string> Checklist, IReadOnlyList<string> SignOffs, IReadOnlyList<string> ReturnTo, bool AllowReject, bool DeemedApprovedOnTimeout, bool CompletionNotice);

public sealed record PauseDto(Guid Id, PauseReason Reason, string? Note, DateTime From, DateTime? To, DateOnly? NotifiedOn, string StartedBy, string? EndedBy);

public sealed record ExtensionDto(Guid Id, string Limit, string Reason, ExtensionStatus Status, string RequestedBy, DateTime RequestedAt, string? DecidedBy,
    DateTime? DecidedAt, string? DecisionNote, string? CustomerNotice);

public sealed record TransferDto(Guid Id, string FromName, Guid? ToAccountId, string? ToAccountName, Guid? ToUnitId, string? ToUnitName, string Reason,
    TransferStatus Status, DateTime RequestedAt, string? DecidedBy, DateTime? DecidedAt, string? RefusalReason, bool CanDecide);

public sealed record WorkDto(Guid Id, string AccountName, DateOnly WorkDate, int Minutes, ChargeType Charge, string Description, string? Parts, long FeeFen, DateTime At);

public sealed record GoodsDto(Guid Id, string Article, string? SerialNumber, string? Condition, DateTime InAt, string InBy, DateTime? OutAt, string? OutBy, string? ReceivedBy);

public sealed record LinkDto(Guid CaseId, string Number, string Title, CaseStatus Status, CaseLinkKind Kind, bool Outgoing);

public sealed record EscalationDto(Guid Id, int Level, DateTime At, string ClockName, string TargetNames, DateTime? AcknowledgedAt, string? AcknowledgedBy);

public sealed record FileDto(Guid Id, string FileName, string ContentType, long Size, bool IsSignature, string UploadedBy, DateTime UploadedAt);

/// <summary>
/// A case as its page and the API show it: the record, the masked phone (whole only through the audited reveal), the
/// clocks read now, the process position, the timeline, and the actions the reader may take now (the server checks
/// them again when they are taken).
/// </summary>
public sealed record CaseDto(
    Guid Id, string Number, Guid ItemId, string ItemCode, string ItemName, HandlingKind Handling, CaseChannel Channel, string? ExternalNumber,
    Guid? CustomerId, string? CallerName, string? CallerPhone, string? Address, string? Area, string Title, string? Description, Priority Priority,
    CaseStatus Status, bool IsPaused, Guid UnitId, string UnitName, Guid OwnerId, string OwnerName, Guid? AssigneeId, string? AssigneeName,
    ChargeType? Charge, long FeeFen, bool InvoiceRequested, string? Resolution, string? ConfirmedBy, string? ConfirmationCode, bool HasSignature,
    Guid? MergedIntoId, string CreatedByName, DateTime CreatedAt, DateTime UpdatedAt, DateTime? DispatchedAt, DateTime? ArrivedAt,
    DateTime? CompletedAt, DateTime? ClosedAt, DateTime? NextDueAt, int ClockFlag, ProcessOutcome? ProcessOutcome, string? ProcessName,
    IReadOnlyList<ClockDto> Clocks, IReadOnlyList<ActiveStepDto> ActiveSteps, IReadOnlyList<StepDto> Steps, IReadOnlyList<CaseEventDto> Timeline,
    IReadOnlyList<PauseDto> Pauses, IReadOnlyList<ExtensionDto> Extensions, IReadOnlyList<TransferDto> Transfers, IReadOnlyList<WorkDto> Work,
    IReadOnlyList<GoodsDto> Goods, IReadOnlyList<LinkDto> Links, IReadOnlyList<EscalationDto> Escalations, IReadOnlyList<FileDto> Files,
    IReadOnlyList<string> Actions, int Version);

/// <summary>Someone a case can be dispatched to, with his open load (cases assigned and not finished).</summary>
public sealed record DispatchChoice(Guid Id, string FullName, Guid UnitId, string UnitName, int OpenCases);

public sealed record UnitChoice(Guid Id, string Name, string Path);

public sealed record StaffChoice(Guid Id, string FullName, string UnitName);

public sealed class CaseReader(CaseUnitOfWork uow, CaseClocks clocks, IOrgDirectory org, IServiceCatalog catalog)
{
    public const int MaxFileBytes = 5 * 1024 * 1024;
    private static readonly string[] AllowedTypes = ["image/png", "image/jpeg", "application/pdf"];

    public async Task<CaseDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(Permissions.CasesRead);
        var db = uow.Db;
        var c = await db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        var units = await org.UnitsAsync(ct);

        // The addressee of a pending transfer (a person, or someone handling cases in the unit) may open the case to decide.
        var pendingForMe = c is not null && !CaseAccess.Reaches(actor, Permissions.CasesRead, c)
                           && (await db.Transfers.AsNoTracking().Where(t => t.CaseId == id && t.Status == TransferStatus.Pending).ToListAsync(ct))
                              .Any(t => CanDecide(actor, t, units));
        if (c is null || !(CaseAccess.Reaches(actor, Permissions.CasesRead, c) || pendingForMe))
        {
            throw new NotFoundException(uow.Text["Cases.NotFound"]);
        }

        var now = uow.Now;
        var caseClocks = await db.Clocks.AsNoTracking().Where(k => k.CaseId == id).OrderBy(k => k.StartedAt).ThenBy(k => k.Metric).ThenBy(k => k.Name).ToListAsync(ct);
        var pauses = await db.Pauses.AsNoTracking().Where(p => p.CaseId == id).OrderBy(p => p.From).ToListAsync(ct);
        var clockDtos = new List<ClockDto>();
        foreach (var k in caseClocks)
        {
            var reading = k.IsActive ? await clocks.ReadAsync(k, pauses, now, ct) : null;
            clockDtos.Add(new ClockDto(k.Id, k.Name, k.Metric, k.Milestone, k.Limit, k.Extension, k.CalendarId, k.CalendarVersion, k.StartedAt,
                k.DueAt, k.WarnAt, k.MetAt, reading?.State ?? k.State,
                reading is null || reading.Remaining == TimeSpan.MaxValue ? 0 : (long)reading.Remaining.TotalMinutes,
                reading?.Late is { } late ? (long)Math.Ceiling(late.TotalMinutes) : null, k.EscalationLevel, k.IsActive));
        }

        var steps = await db.Steps.AsNoTracking().Where(s => s.CaseId == id).OrderBy(s => s.ActivatedAt).ThenBy(s => s.Id).ToListAsync(ct);
        var events = await db.Events.AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        var extensions = await db.Extensions.AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.RequestedAt).ToListAsync(ct);
        var transfers = await db.Transfers.AsNoTracking().Where(t => t.CaseId == id).OrderBy(t => t.RequestedAt).ToListAsync(ct);
        var work = await db.Work.AsNoTracking().Where(w => w.CaseId == id).OrderBy(w => w.At).ToListAsync(ct);
        var goods = await db.Goods.AsNoTracking().Where(g => g.CaseId == id).OrderBy(g => g.InAt).ToListAsync(ct);
        var links = await db.Links.AsNoTracking().Where(l => l.CaseId == id || l.OtherCaseId == id).ToListAsync(ct);
        var linkedIds = links.Select(l => l.CaseId == id ? l.OtherCaseId : l.CaseId).ToList();
        var linked = await db.Cases.AsNoTracking().Where(x => linkedIds.Contains(x.Id)).ToListAsync(ct);
        var escalations = await db.Escalations.AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.At).ToListAsync(ct);
        var files = await db.Files.AsNoTracking().Where(f => f.CaseId == id).OrderBy(f => f.UploadedAt)
            .Select(f => new FileDto(f.Id, f.FileName, f.ContentType, f.Size, f.IsSignature, f.UploadedBy, f.UploadedAt)).ToListAsync(ct);

        ProcessVersionInfo? process = c.ProcessVersionId is { } pv ? await catalog.ProcessVersionAsync(pv, ct) : null;
        var state = ProcessSteps.StateOf(c);
        var active = process is null
            ? []
            : state.Active.Select(key => process.Definition.Steps.First(s => s.Key == key)).Select(s => new ActiveStepDto(
                s.Key, s.Name, s.Assignee.Code, steps.LastOrDefault(x => x.StepKey == s.Key && x.Outcome is null)?.DueAt, s.Description, s.Form ?? [],
                s.Checklist ?? [], s.SignOffs ?? [], s.Options?.AllowReturn == true ? (s.Options.ReturnTo ?? EarlierSteps(process.Definition, s.Key)) : [],
                s.Options?.AllowReject == true, s.Options?.DeemedApprovedOnTimeout == true, s.Options?.CompletionNotice == true)).ToList();

        return new CaseDto(
            c.Id, c.Number, c.ItemId, c.ItemCode, c.ItemName, c.Handling, c.Channel, c.ExternalNumber, c.CustomerId, c.CallerName, Pii.MaskPhone(c.CallerPhone),
            c.Address, c.Area, c.Title, c.Description, c.Priority, c.Status, c.IsPaused, c.UnitId, units.FirstOrDefault(u => u.Id == c.UnitId)?.Name ?? "",
            c.OwnerId, c.OwnerName, c.AssigneeId, c.AssigneeName, c.Charge, c.FeeFen, c.InvoiceRequested, c.Resolution, c.ConfirmedBy, c.ConfirmationCode,
            c.HasSignature, c.MergedIntoId, c.CreatedByName, c.CreatedAt, c.UpdatedAt, c.DispatchedAt, c.ArrivedAt, c.CompletedAt, c.ClosedAt, c.NextDueAt,
            c.ClockFlag, c.ProcessOutcome, process is null ? null : process.TemplateCode + " v" + process.Number,
            clockDtos, active,
            steps.Select(s => new StepDto(s.Id, s.StepKey, s.Name, s.ActivatedAt, s.DueAt, s.Outcome, s.EndedAt, s.EndedBy,
                s.Values is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(s.Values, CaseUnitOfWork.Json),
                s.SignOffs is null ? [] : s.SignOffs.Split(','), s.Note)).ToList(),
            events.Select(e => new CaseEventDto(e.Id, e.At, e.ActorName, e.Type, e.FromStatus, e.ToStatus, e.Note,
                e.Data is null ? null : JsonSerializer.Deserialize<JsonElement>(e.Data))).ToList(),
            pauses.Select(p => new PauseDto(p.Id, p.Reason, p.Note, p.From, p.To, p.NotifiedOn, p.StartedBy, p.EndedBy)).ToList(),
            extensions.Select(e => new ExtensionDto(e.Id, e.Limit, e.Reason, e.Status, e.RequestedBy, e.RequestedAt, e.DecidedBy, e.DecidedAt, e.DecisionNote, e.CustomerNotice)).ToList(),
            transfers.Select(t => new TransferDto(t.Id, t.FromName, t.ToAccountId, t.ToAccountName, t.ToUnitId, t.ToUnitName, t.Reason, t.Status, t.RequestedAt,
                t.DecidedBy, t.DecidedAt, t.RefusalReason, t.Status == TransferStatus.Pending && CanDecide(actor, t, units))).ToList(),
            work.Select(w => new WorkDto(w.Id, w.AccountName, w.WorkDate, w.Minutes, w.Charge, w.Description, w.Parts, w.FeeFen, w.At)).ToList(),
            goods.Select(g => new GoodsDto(g.Id, g.Article, g.SerialNumber, g.Condition, g.InAt, g.InBy, g.OutAt, g.OutBy, g.ReceivedBy)).ToList(),
            links.Select(l =>
            {
                var outgoing = l.CaseId == id;
                var other = linked.FirstOrDefault(x => x.Id == (outgoing ? l.OtherCaseId : l.CaseId));
                return other is null || !CaseAccess.Reaches(actor, Permissions.CasesRead, other)
                    ? null
                    : new LinkDto(other.Id, other.Number, other.Title, other.Status, l.Kind, outgoing);
            }).OfType<LinkDto>().ToList(),
            escalations.Select(e => new EscalationDto(e.Id, e.Level, e.At, caseClocks.FirstOrDefault(k => k.Id == e.CaseCommitmentId)?.Name ?? "", e.TargetNames,
                e.AcknowledgedAt, e.AcknowledgedBy)).ToList(),
            files, AllowedActions(actor, c), c.Version);
    }

    private static IReadOnlyList<string> EarlierSteps(ProcessDefinition definition, string key)
    {
        var graph = new ProcessGraph(definition);
        var target = graph.IndexOf(key);
        return definition.Steps.Where((s, i) => i != target && graph.ReachableFrom(i)[target]).Select(s => s.Key).ToList();
    }

    private static bool CanDecide(Actor actor, CaseTransfer t, IReadOnlyList<UnitInfo> units) =>
        t.ToAccountId == actor.AccountId
        || (t.ToUnitId is { } unitId && actor.ScopeOf(Permissions.CasesHandle) is { } scope
            && (actor.UnitId == unitId || (scope is DataScope.All or DataScope.UnitSubtree
                && units.FirstOrDefault(u => u.Id == unitId) is { } unit && ScopeRule.Reaches(scope, actor.Subject, new ScopeTarget(null, unit.Id, unit.Path)))));

    /// <summary>What the page offers; each is checked again by the server when taken.</summary>
    private static IReadOnlyList<string> AllowedActions(Actor actor, Case c)
    {
        var actions = new List<string>();
        var handle = CaseAccess.Reaches(actor, Permissions.CasesHandle, c);
        var dispatch = CaseAccess.Reaches(actor, Permissions.CasesDispatch, c);
        var owner = c.OwnerId == actor.AccountId;
        var worker = c.AssigneeId is null || c.AssigneeId == actor.AccountId || dispatch;
        void Offer(string name, bool allowed, CaseAction? action = null)
        {
            if (allowed && (action is null || (CaseLifecycle.Allows(c.Status, action.Value) && (!c.IsPaused || action is CaseAction.Cancel or CaseAction.Merge))))
            {
                actions.Add(name);
            }
        }

        Offer("dispatch", dispatch, CaseAction.Dispatch);
        Offer("take", handle && (c.AssigneeId is null || c.AssigneeId == actor.AccountId), CaseAction.Take);
        Offer("decline", handle && worker && c.AssigneeId is not null, CaseAction.Decline);
        Offer("checkIn", handle && worker, CaseAction.CheckIn);
        Offer("complete", handle && worker, CaseAction.Complete);
        Offer("close", handle && c.ProcessOutcome != ProcessOutcome.Running, CaseAction.Close);
        Offer("reopen", owner || dispatch, CaseAction.Reopen);
        Offer("cancel", owner || dispatch, CaseAction.Cancel);
        Offer("merge", dispatch, CaseAction.Merge);
        var open = CaseLifecycle.IsOpen(c.Status);
        Offer("work", handle && open);
        Offer("reply", handle && open);
        Offer("note", handle || owner);
        Offer("pause", handle && !c.IsPaused && CaseLifecycle.CanPause(c.Status));
        Offer("resume", handle && c.IsPaused);
        Offer("extension", handle && open);
        Offer("decideExtension", dispatch && open);
        Offer("transfer", (owner || dispatch) && open);
        Offer("change", (owner || dispatch) && open);
        Offer("link", handle);
        Offer("goods", handle && open);
        Offer("steps", handle && open && c.ProcessOutcome == ProcessOutcome.Running && !c.IsPaused);
        Offer("files", handle);
        Offer("print", true);
        return actions;
    }

    /// <summary>The whole phone number, for calling the customer back; every reveal is audited (who, which case).</summary>
    public async Task<string?> RevealPhoneAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var loaded = await uow.LoadAsync(actor, id, Permissions.CasesRead, null, ct);
        uow.Db.Entry(loaded.Case).State = EntityState.Unchanged;
        uow.Db.PendingAuditEvents.Add(new AuditEvent("case.phone_revealed", nameof(Case), id.ToString()));
        await uow.Db.SaveChangesAsync(ct);
        return loaded.Case.CallerPhone;
    }

    /// <summary>People the actor may dispatch to (within his dispatch scope) with their open load, the least loaded first.</summary>
    public async Task<IReadOnlyList<DispatchChoice>> DispatchChoicesAsync(Actor actor, CancellationToken ct = default)
    {
        var scope = actor.Require(Permissions.CasesDispatch);
        var units = await org.UnitsAsync(ct);
        var reachable = units.Where(u => ScopeRule.Reaches(scope == DataScope.Own ? DataScope.OwnUnit : scope, actor.Subject, new ScopeTarget(null, u.Id, u.Path)))
            .ToDictionary(u => u.Id);
        var people = (await org.StaffAsync(ct)).Where(s => s.UnitId is { } u && reachable.ContainsKey(u) && s.Roles.Contains("FieldStaff")).ToList();
        var ids = people.Select(p => p.Id).ToList();
        var open = new[] { CaseStatus.Dispatched, CaseStatus.Accepted, CaseStatus.OnSite };
        var load = await uow.Db.Cases.AsNoTracking().Where(c => c.AssigneeId != null && ids.Contains(c.AssigneeId.Value) && open.Contains(c.Status))
            .GroupBy(c => c.AssigneeId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return people.Select(p => new DispatchChoice(p.Id, p.FullName, p.UnitId!.Value, reachable[p.UnitId.Value].Name, load.FirstOrDefault(l => l.Key == p.Id)?.Count ?? 0))
            .OrderBy(p => p.OpenCases).ThenBy(p => p.FullName, StringComparer.Ordinal).ToList();
    }

    /// <summary>Units to transfer or dispatch to (names only: the organization chart is not secret to case handlers).</summary>
    public async Task<IReadOnlyList<UnitChoice>> UnitChoicesAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(Permissions.CasesRead);
        return (await org.UnitsAsync(ct)).Select(u => new UnitChoice(u.Id, u.Name, u.Path)).ToList();
    }

    /// <summary>People to transfer a case to (name and unit only).</summary>
    public async Task<IReadOnlyList<StaffChoice>> StaffChoicesAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(Permissions.CasesRead);
        var units = await org.UnitsAsync(ct);
        return (await org.StaffAsync(ct)).Select(s => new StaffChoice(s.Id, s.FullName, units.FirstOrDefault(u => u.Id == s.UnitId)?.Name ?? "")).ToList();
    }

    public async Task<(byte[] Content, string ContentType, string FileName)> FileAsync(Actor actor, Guid id, Guid fileId, CancellationToken ct = default)
    {
        await GetVisibleAsync(actor, id, ct);
        var f = await uow.Db.Files.AsNoTracking().FirstOrDefaultAsync(x => x.Id == fileId && x.CaseId == id, ct) ?? throw new NotFoundException(uow.Text["Cases.FileNotFound"]);
        return (f.Content, f.ContentType, f.FileName);
    }

    public async Task<FileDto> UploadAsync(Actor actor, Guid id, string fileName, string contentType, Stream content, CancellationToken ct = default)
    {
        var loaded = await uow.LoadAsync(actor, id, Permissions.CasesHandle, null, ct);
        if (!AllowedTypes.Contains(contentType))
        {
            throw ValidationFailedException.For("File", uow.Text["Cases.FileType"]);
        }

        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        if (buffer.Length is 0 or > MaxFileBytes)
        {
            throw ValidationFailedException.For("File", uow.Text["Cases.FileSize", MaxFileBytes / 1024 / 1024]);
        }

        var name = Path.GetFileName(fileName);
        var file = new CaseFile
        {
            Id = Guid.CreateVersion7(), CaseId = id, FileName = name.Length > 200 ? name[^200..] : name, ContentType = contentType, Size = buffer.Length,
            Content = buffer.ToArray(), UploadedBy = actor.DisplayName, UploadedAt = uow.Now,
        };
        uow.Db.Files.Add(file);
        uow.Event(actor, loaded.Case, CaseEvents.FileAdded, null, new { file = file.FileName });
        await uow.SaveAsync(loaded, ct);
        return new FileDto(file.Id, file.FileName, file.ContentType, file.Size, false, file.UploadedBy, file.UploadedAt);
    }

    private async Task<Case> GetVisibleAsync(Actor actor, Guid id, CancellationToken ct)
    {
        actor.Require(Permissions.CasesRead);
        var c = await uow.Db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return c is not null && CaseAccess.Reaches(actor, Permissions.CasesRead, c) ? c : throw new NotFoundException(uow.Text["Cases.NotFound"]);
    }

    /// <summary>The case by its number (the QR code on the dispatch sheet), within the actor's reach.</summary>
    public async Task<Guid> IdByNumberAsync(Actor actor, string number, CancellationToken ct = default)
    {
        actor.Require(Permissions.CasesRead);
        var c = await uow.Db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.Number == number, ct);
        return c is not null && CaseAccess.Reaches(actor, Permissions.CasesRead, c) ? c.Id : throw new NotFoundException(uow.Text["Cases.NotFound"]);
    }
}
