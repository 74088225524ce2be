using Microsoft.EntityFrameworkCore;
using Norma.Modules.Cases.Domain;
using Norma.Modules.Cases.Features.Clocks;
using Norma.Modules.Catalog.Contracts;
using Norma.Modules.Organization.Contracts;
using Norma.Rules.Access;
using Norma.Rules.Calendars;
using Norma.Rules.Cases;
using Norma.Rules.Processes;
using Norma.Shared;
using Norma.Shared.Access;
using Norma.Shared.Errors;
using Norma.Shared.Persistence;

namespace Norma.Modules.Cases.Features.Handling;

/// <summary>
/// Every change of a case after intake (SPEC §4): dispatch and field work, transfers under first responsibility, the
/// process steps, pauses and extensions, re-targeting, merging and linking. Each method checks the permission and the
/// data scope on the server, applies the rule, records an event with actor and time, and saves in one transaction.
/// </summary>
public sealed class CaseWorkflow(
    CaseUnitOfWork uow, CaseClocks clocks, ProcessSteps process, IServiceCatalog catalog, IOrgDirectory org, IConfiguration configuration)
    : Timers.IStepDeadlines
{
    public const int MaxSignatureBytes = 512 * 1024;

    /// <summary>How long after 办结 a case may be reopened (Cases:ReopenWindow, default 7 days).</summary>
    public TimeSpan ReopenWindow { get; } = configuration.GetValue("Cases:ReopenWindow", TimeSpan.FromDays(7));

    private Microsoft.Extensions.Localization.IStringLocalizer T => uow.Text;

    private DateTime Now => uow.Now;

    public async Task DispatchAsync(Actor actor, Guid id, DispatchRequest r, CancellationToken ct = default)
    {
        var loaded = await uow.LoadAsync(actor, id, Permissions.CasesDispatch, r.Version, ct);
        var c = loaded.Case;
        if ((r.AssigneeId is null) == (r.UnitId is null))
        {
            throw ValidationFailedException.For("AssigneeId", T["Cases.DispatchTarget"]);
        }

        var units = await org.UnitsAsync(ct);
        UnitInfo unit;
        StaffInfo? person = null;
        if (r.AssigneeId is { } assigneeId)
        {
            person = (await org.StaffAsync(ct)).FirstOrDefault(s => s.Id == assigneeId && s.UnitId is not null)
                     ?? throw ValidationFailedException.For("AssigneeId", T["Cases.AssigneeUnknown"]);
            unit = units.FirstOrDefault(u => u.Id == person.UnitId) ?? throw ValidationFailedException.For("AssigneeId", T["Cases.AssigneeUnknown"]);
        }
        else
        {
            unit = units.FirstOrDefault(u => u.Id == r.UnitId) ?? throw ValidationFailedException.For("UnitId", T["Cases.UnitUnknown"]);
        }

        // The target must lie within the dispatcher's own scope: a supervisor dispatches inside his subtree only.
        if (!ScopeRule.Reaches(actor.Require(Permissions.CasesDispatch), actor.Subject, new ScopeTarget(person?.Id, unit.Id, unit.Path)))
        {
            throw ValidationFailedException.For(person is null ? "UnitId" : "AssigneeId", T["Cases.DispatchOutOfScope"]);
        }

        uow.Transition(actor, loaded, CaseAction.Dispatch, CaseEvents.Dispatched, r.Note,
            new { assignee = person?.FullName, unit = unit.Name });
        c.UnitId = unit.Id;
        c.UnitPath = unit.Path;
        c.AssigneeId = person?.Id;
        c.AssigneeName = person?.FullName;
        c.DispatchedAt = Now;
        Respond(loaded);
        await uow.SaveAsync(loaded, ct);
    }

    public async Task TakeAsync(Actor actor, Guid id, CaseNoteRequest r, CancellationToken ct = default)
    {
        var loaded = await uow.LoadAsync(actor, id, Permissions.CasesHandle, r.Version, ct);
        var c = loaded.Case;
        if (c.AssigneeId is { } assignee && assignee != actor.AccountId)
        {
            throw new BusinessRuleException(T["Cases.NotYourDispatch", c.AssigneeName ?? ""]);
        }

        uow.Transition(actor, loaded, CaseAction.Take, CaseEvents.Taken, r.Note);
        c.AssigneeId = actor.AccountId;
        c.AssigneeName = actor.DisplayName;
        Respond(loaded);
        await uow.SaveAsync(loaded, ct);
    }

    public async Task DeclineAsync(Actor actor, Guid id, CaseNoteRequest r, CancellationToken ct = default)
    {
        var loaded = await uow.LoadAsync(actor, id, Permissions.CasesHandle, r.Version, ct);
        RequireWorker(actor, loaded.Case);
        Require("Note", r.Note, "Cases.ReasonRequired");
        uow.Transition(actor, loaded, CaseAction.Decline, CaseEvents.Declined, r.Note);
        loaded.Case.AssigneeId = null;
        loaded.Case.AssigneeName = null;
        await uow.SaveAsync(loaded, ct);
    }

    public async Task CheckInAsync(Actor actor, Guid id, CaseNoteRequest r, CancellationToken ct = default)
    {
        var loaded = await uow.LoadAsync(actor, id, Permissions.CasesHandle, r.Version, ct);
        RequireWorker(actor, loaded.Case);
        uow.Transition(actor, loaded, CaseAction.CheckIn, CaseEvents.CheckedIn, r.Note);
        loaded.Case.ArrivedAt = Now;
        CaseClocks.Meet(loaded.Clocks, ClockMetric.Arrival, Now);
        Respond(loaded);
        await uow.SaveAsync(loaded, ct);
    }

    public async Task RecordWorkAsync(Actor actor, Guid id, WorkRequest r, CancellationToken ct = default)
    {
        var loaded = await uow.LoadAsync(actor, id, Permissions.CasesHandle, r.Version, ct);
        var c = loaded.Case;
        var v = new Validation(T);
        v.Check(r.Minutes is > 0 and <= 1440, "Minutes", T["Cases.MinutesRange"]);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(Now, OrgTime.Zone));
        var opened = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(c.CreatedAt, DateTimeKind.Utc), OrgTime.Zone));
        v.Check(r.WorkDate is null || (r.WorkDate >= opened && r.WorkDate <= today), "WorkDate", T["Cases.WorkDateRange"]);
        v.Check(Enum.IsDefined(r.Charge), "Charge", T["Cases.ChargeInvalid"]);
        v.Check(r.FeeFen is >= 0 and <= 100_000_000_00, "FeeFen", T["Cases.FeeRange"]);
        v.Required("Description", r.Description, 1000).Optional("Parts", r.Parts, 500);
        v.ThrowIfAny();
        if (!CaseLifecycle.IsOpen(c.Status))
        {
            throw new BusinessRuleException(T["Cases.Ended"]);
        }

        var date = r.WorkDate ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(Now, OrgTime.Zone));
        uow.Db.Work.Add(new CaseWork
        {
            Id = Guid.CreateVersion7(),
            CaseId = c.Id,
            AccountId = actor.AccountId,
            AccountName = actor.DisplayName,
            WorkDate = date,
            Minutes = r.Minutes,
            Charge = r.Charge,
            Description = r.Description!.Trim(),
            Parts = Validation.Clean(r.Parts),
            FeeFen = r.FeeFen,
            At = Now,
        });
        uow.Event(actor, c, CaseEvents.WorkRecorded, r.Description, new { minutes = r.Minutes, charge = r.Charge.ToString(), fee = r.FeeFen, parts = Validation.Clean(r.Parts) });
        await uow.SaveAsync(loaded, ct);
    }

    public async Task CompleteAsync(Actor actor, Guid id, CompleteRequest r, CancellationToken ct = default)
    {
        var loaded = await uow.LoadAsync(actor, id, Permissions.CasesHandle, r.Version, ct);
        var c = loaded.Case;
        RequireWorker(actor, c);
        var v = new Validation(T);
        v.Required("Resolution", r.Resolution, 2000).Optional("ConfirmedBy", r.ConfirmedBy, 50).Optional("ConfirmationCode", r.ConfirmationCode, 20);
        v.Check(r.Charge is null || Enum.IsDefined(r.Charge.Value), "Charge", T["Cases.ChargeInvalid"]);
        v.Check(r.FeeFen is null or >= 0, "FeeFen", T["Cases.FeeRange"]);
        byte[]? signature = null;
        if (Validation.Clean(r.Signature) is { } data)
        {
            signature = SignatureImage.Decode(data, MaxSignatureBytes);
            v.Check(signature is not null, "Signature", T["Cases.SignatureInvalid"]);
        }

        // Field work ends with the customer's confirmation: who, and a signature or the code the customer read out.
        if (c.AssigneeId is not null)
        {
            v.Check(Validation.Clean(r.ConfirmedBy) is not null, "ConfirmedBy", T["Cases.ConfirmationRequired"]);
            v.Check(signature is not null || Validation.Clean(r.ConfirmationCode) is not null, "Signature", T["Cases.SignatureOrCodeRequired"]);
        }

        v.ThrowIfAny();
        uow.Transition(actor, loaded, CaseAction.Complete, CaseEvents.Completed, r.Resolution,
            new { confirmedBy = Validation.Clean(r.ConfirmedBy) is null ? null : "✓", signature = signature is not null, charge = r.Charge?.ToString(), fee = r.FeeFen });
        c.Resolution = r.Resolution!.Trim();
        c.ConfirmedBy = Validation.Clean(r.ConfirmedBy);
        c.ConfirmationCode = Validation.Clean(r.ConfirmationCode);
        c.Charge = r.Charge ?? c.Charge;
        c.FeeFen = r.FeeFen ?? c.FeeFen;
        c.InvoiceRequested = r.InvoiceRequested;
        c.CompletedAt = Now;
        if (signature is not null)
        {
            c.HasSignature = true;
            uow.Db.Files.Add(new CaseFile
            {
                Id = Guid.CreateVersion7(), CaseId = c.Id, FileName = $"signature-{c.Number}.png", ContentType = "image/png", Size = signature.Length,
                Content = signature, IsSignature = true, UploadedBy = actor.DisplayName, UploadedAt = Now,
            });
        }

        Respond(loaded);
        CaseClocks.Meet(loaded.Clocks, ClockMetric.Reply, Now);
        CaseClocks.Meet(loaded.Clocks, ClockMetric.Resolution, Now);
        await uow.SaveAsync(loaded, ct);
    }

    public async Task CloseAsync(Actor actor, Guid id, CloseRequest r, CancellationToken ct = default)
    {
        var loaded = await uow.LoadAsync(actor, id, Permissions.CasesHandle, r.Version, ct);
        var c = loaded.Case;
        if (c.ProcessOutcome == ProcessOutcome.Running)
        {
            throw new BusinessRuleException(T["Cases.ProcessRunning"]);
        }

        new Validation(T).Optional("Resolution", r.Resolution, 2000).ThrowIfAny();
        if (c.Status != CaseStatus.Completed && Validation.Clean(r.Resolution ?? c.Resolution) is null)
        {
            throw ValidationFailedException.For("Resolution", T["Cases.ResolutionRequired"]);
        }

        uow.Transition(actor, loaded, CaseAction.Close, CaseEvents.Closed, r.Resolution);
        c.Resolution = Validation.Clean(r.Resolution) ?? c.Resolution;
        c.ClosedAt = Now;
        Respond(loaded);
        CaseClocks.Meet(loaded.Clocks, ClockMetric.Reply, Now);
        CaseClocks.Meet(loaded.Clocks, ClockMetric.Resolution, Now);
        await uow.SaveAsync(loaded, ct);
    }

    public async Task ReopenAsync(Actor actor, Guid id, CaseNoteRequest r, CancellationToken ct = default)
    {
        var loaded = await uow.LoadAsync(actor, id, Permissions.CasesRead, r.Version, ct);
        RequireOwnerOrDispatcher(actor, loaded.Case);
        Require("Note", r.Note, "Cases.ReasonRequired");
        uow.Transition(actor, loaded, CaseAction.Reopen, CaseEvents.Reopened, r.Note, reopenWindow: ReopenWindow);
        loaded.Case.ClosedAt = null;
        await uow.SaveAsync(loaded, ct);
    }

    public async Task CancelAsync(Actor actor, Guid id, CaseNoteRequest r, CancellationToken ct = default)
    {
        var loaded = await uow.LoadAsync(actor, id, Permissions.CasesRead, r.Version, ct);
        RequireOwnerOrDispatcher(actor, loaded.Case);
        Require("Note", r.Note, "Cases.ReasonRequired");
        uow.Transition(actor, loaded, CaseAction.Cancel, CaseEvents.Cancelled, r.Note);
        await EndAsync(loaded, ct);
        await uow.SaveAsync(loaded, ct);
    }

    public async Task PauseAsync(Actor actor, Guid id, PauseRequest r, CancellationToken ct = default)
    {
        var loaded = await uow.LoadAsync(actor, id, Permissions.CasesHandle, r.Version, ct);
        var c = loaded.Case;
        var v = new Validation(T);
        v.Check(Enum.IsDefined(r.Reason), "Reason", T["Cases.PauseReasonInvalid"]);
        v.Check(!PauseRules.IsStatutory(r.Reason) || r.NotifiedOn is not null, "NotifiedOn", T["Cases.NotifiedOnRequired"]);
        v.Check(r.Reason != PauseReason.Other || Validation.Clean(r.Note) is not null, "Note", T["Cases.ReasonRequired"]);
        v.Optional("Note", r.Note, 500);
        v.ThrowIfAny();
        if (c.IsPaused)
        {
            throw new BusinessRuleException(T["Cases.AlreadyPaused"]);
        }

        if (!CaseLifecycle.CanPause(c.Status))
        {
            throw new BusinessRuleException(T["Case.NotAllowed", T[$"CaseStatus.{c.Status}"]]);
        }

        var pause = new CasePause
        {
            Id = Guid.CreateVersion7(), CaseId = c.Id, Reason = r.Reason, Note = Validation.Clean(r.Note), From = Now, NotifiedOn = r.NotifiedOn,
            StartedBy = actor.DisplayName,
        };
        uow.Db.Pauses.Add(pause);
        loaded.Pauses.Add(pause);
        c.IsPaused = true;
        uow.Event(actor, c, CaseEvents.Paused, r.Note, new { reason = r.Reason.ToString(), notifiedOn = r.NotifiedOn });
        loaded.ClocksChanged = true;
        await uow.SaveAsync(loaded, ct);
    }

    public async Task ResumeAsync(Actor actor, Guid id, CaseNoteRequest r, CancellationToken ct = default)
    {
        var loaded = await uow.LoadAsync(actor, id, Permissions.CasesHandle, r.Version, ct);
        var c = loaded.Case;
        var open = loaded.Pauses.FirstOrDefault(p => p.To is null);
        if (!c.IsPaused || open is null)
        {
            throw new BusinessRuleException(T["Cases.NotPaused"]);
        }

        open.To = Now;
        open.EndedBy = actor.DisplayName;
        c.IsPaused = false;
        uow.Event(actor, c, CaseEvents.Resumed, r.Note, new { reason = open.Reason.ToString(), minutes = (int)(Now - open.From).TotalMinutes });
        loaded.ClocksChanged = true;
        await uow.SaveAsync(loaded, ct);
    }

    public async Task RequestExtensionAsync(Actor actor, Guid id, ExtensionRequest r, CancellationToken ct = default)
    {
        var loaded = await uow.LoadAsync(actor, id, Permissions.CasesHandle, r.Version, ct);
        var c = loaded.Case;
        var v = new Validation(T);
        v.Check(TimeLimit.TryParse(r.Limit, out var limit) && limit.Amount <= (limit.IsDayBased ? 60 : 480), "Limit", T["Cases.ExtensionLimitInvalid"]);
        v.Required("Reason", r.Reason, 500);
        v.ThrowIfAny();
        if (!CaseLifecycle.IsOpen(c.Status))
        {
            throw new BusinessRuleException(T["Cases.Ended"]);
        }

        if (await uow.Db.Extensions.AnyAsync(e => e.CaseId == c.Id && e.Status == ExtensionStatus.Pending, ct))
        {
            throw new BusinessRuleException(T["Cases.ExtensionPending"]);
        }

        if (!loaded.Clocks.Any(k => k.IsActive && k.Metric == ClockMetric.Resolution && k.MetAt is null))
        {
            throw new BusinessRuleException(T["Cases.NothingToExtend"]);
        }

        uow.Db.Extensions.Add(new CaseExtension
        {
            Id = Guid.CreateVersion7(), CaseId = c.Id, Limit = limit.ToString(), Reason = r.Reason!.Trim(), Status = ExtensionStatus.Pending,
            RequestedById = actor.AccountId, RequestedBy = actor.DisplayName, RequestedAt = Now,
        });
        uow.Event(actor, c, CaseEvents.ExtensionRequested, r.Reason, new { limit = limit.ToString() });
        await uow.SaveAsync(loaded, ct);
    }

    public async Task DecideExtensionAsync(Actor actor, Guid id, Guid extensionId, ExtensionDecision r, CancellationToken ct = default)
    {
        var loaded = await uow.LoadAsync(actor, id, Permissions.CasesDispatch, r.Version, ct);
        var c = loaded.Case;
        var ext = await uow.Db.Extensions.FirstOrDefaultAsync(e => e.Id == extensionId && e.CaseId == c.Id, ct)
                  ?? throw new NotFoundException(T["Cases.ExtensionNotFound"]);
        if (ext.Status != ExtensionStatus.Pending)
        {
            throw new BusinessRuleException(T["Cases.ExtensionDecided"]);
        }

        if (!CaseLifecycle.IsOpen(c.Status))
        {
            throw new BusinessRuleException(T["Cases.Ended"]);
        }

        var v = new Validation(T);
        v.Check(!r.Approve || Validation.Clean(r.CustomerNotice) is not null, "CustomerNotice", T["Cases.CustomerNoticeRequired"]);
        v.Check(r.Approve || Validation.Clean(r.Note) is not null, "Note", T["Cases.ReasonRequired"]);
        v.Optional("CustomerNotice", r.CustomerNotice, 1000).Optional("Note", r.Note, 500);
        v.ThrowIfAny();
        ext.Status = r.Approve ? ExtensionStatus.Approved : ExtensionStatus.Refused;
        ext.DecidedBy = actor.DisplayName;
        ext.DecidedAt = Now;
        ext.DecisionNote = Validation.Clean(r.Note);
        ext.CustomerNotice = Validation.Clean(r.CustomerNotice);
        if (r.Approve)
        {
            var add = TimeLimit.TryParse(ext.Limit, out var parsed) ? parsed : throw new InvalidOperationException("Stored extension limit is invalid.");
            foreach (var clock in loaded.Clocks.Where(k => k.IsActive && k.Metric == ClockMetric.Resolution && k.MetAt is null))
            {
                clock.Extension = Combine(clock.Extension, add)
                                  ?? throw new BusinessRuleException(T["Cases.ExtensionUnitMismatch", clock.Extension ?? "", ext.Limit]);
            }

            loaded.ClocksChanged = true;
        }

        uow.Event(actor, c, r.Approve ? CaseEvents.ExtensionApproved : CaseEvents.ExtensionRefused, r.Note,
            new { limit = ext.Limit, notice = ext.CustomerNotice });
        await uow.SaveAsync(loaded, ct);
    }

    /// <summary>Extensions add up when they count the same way (10wd + 5wd = 15wd); mixing kinds is refused.</summary>
    private static string? Combine(string? existing, TimeLimit add)
    {
        if (!TimeLimit.TryParse(existing, out var had))
        {
            return add.ToString();
        }

        return had.Unit == add.Unit && had.Basis == add.Basis ? (had with { Amount = had.Amount + add.Amount }).ToString() : null;
    }

    public async Task TransferAsync(Actor actor, Guid id, TransferRequest r, CancellationToken ct = default)
    {
        var loaded = await uow.LoadAsync(actor, id, Permissions.CasesRead, r.Version, ct);
        var c = loaded.Case;
        RequireOwnerOrDispatcher(actor, c);
        if ((r.ToAccountId is null) == (r.ToUnitId is null))
        {
            throw ValidationFailedException.For("ToAccountId", T["Cases.TransferTarget"]);
        }

        Require("Reason", r.Reason, "Cases.ReasonRequired");
        new Validation(T).Optional("Reason", r.Reason, 500).ThrowIfAny();
        if (!CaseLifecycle.IsOpen(c.Status))
        {
            throw new BusinessRuleException(T["Cases.Ended"]);
        }

        if (await uow.Db.Transfers.AnyAsync(t => t.CaseId == c.Id && t.Status == TransferStatus.Pending, ct))
        {
            throw new BusinessRuleException(T["Cases.TransferPending"]);
        }

        StaffInfo? person = null;
        UnitInfo? unit = null;
        if (r.ToAccountId is { } to)
        {
            person = (await org.StaffAsync(ct)).FirstOrDefault(s => s.Id == to) ?? throw ValidationFailedException.For("ToAccountId", T["Cases.AssigneeUnknown"]);
            if (person.Id == c.OwnerId)
            {
                throw ValidationFailedException.For("ToAccountId", T["Cases.TransferToSelf"]);
            }
        }
        else
        {
            unit = (await org.UnitsAsync(ct)).FirstOrDefault(u => u.Id == r.ToUnitId) ?? throw ValidationFailedException.For("ToUnitId", T["Cases.UnitUnknown"]);
        }

        uow.Db.Transfers.Add(new CaseTransfer
        {
            Id = Guid.CreateVersion7(), CaseId = c.Id, FromId = actor.AccountId, FromName = actor.DisplayName, ToAccountId = person?.Id,
            ToAccountName = person?.FullName, ToUnitId = unit?.Id, ToUnitName = unit?.Name, Reason = r.Reason!.Trim(), Status = TransferStatus.Pending,
            RequestedAt = Now,
        });
        uow.Event(actor, c, CaseEvents.TransferRequested, r.Reason, new { to = person?.FullName ?? unit?.Name });
        await uow.SaveAsync(loaded, ct);
    }

    /// <summary>
    /// Accept or refuse a pending transfer. Only its addressee decides (the person, or someone who handles cases in the
    /// unit). The case is visible to its addressee while pending, so this loads it without the usual scope and checks here.
    /// </summary>
    public async Task DecideTransferAsync(Actor actor, Guid id, Guid transferId, TransferDecision r, CancellationToken ct = default)
    {
        actor.Require(Permissions.CasesRead);
        var transfer = await uow.Db.Transfers.FirstOrDefaultAsync(t => t.Id == transferId && t.CaseId == id, ct)
                       ?? throw new NotFoundException(T["Cases.TransferNotFound"]);
        var units = await org.UnitsAsync(ct);
        var toUnit = transfer.ToUnitId is { } tu ? units.FirstOrDefault(u => u.Id == tu) : null;
        var addressee = transfer.ToAccountId == actor.AccountId
                        || (toUnit is not null && actor.ScopeOf(Permissions.CasesHandle) is { } scope
                            && (actor.UnitId == toUnit.Id || (scope is DataScope.All or DataScope.UnitSubtree && ScopeRule.Reaches(scope, actor.Subject, new ScopeTarget(null, toUnit.Id, toUnit.Path)))));
        if (!addressee)
        {
            throw new NotFoundException(T["Cases.TransferNotFound"]);
        }

        if (transfer.Status != TransferStatus.Pending)
        {
            throw new BusinessRuleException(T["Cases.TransferDecided"]);
        }

        if (!r.Accept)
        {
            Require("Reason", r.Reason, "Cases.ReasonRequired");
        }

        new Validation(T).Optional("Reason", r.Reason, 500).ThrowIfAny();
        var c = await uow.Db.Cases.FirstAsync(x => x.Id == id, ct);
        if (!CaseLifecycle.IsOpen(c.Status))
        {
            throw new BusinessRuleException(T["Cases.Ended"]);
        }

        uow.Db.AuditActor = new Platform.Audit.AuditActor(actor.AccountId, actor.UserName);
        uow.Db.ExpectVersion(c, r.Version);
        var loaded = new LoadedCase(c, await uow.Db.Clocks.Where(k => k.CaseId == id).ToListAsync(ct), await uow.Db.Pauses.Where(p => p.CaseId == id).ToListAsync(ct));
        transfer.Status = r.Accept ? TransferStatus.Accepted : TransferStatus.Refused;
        transfer.DecidedBy = actor.DisplayName;
        transfer.DecidedAt = Now;
        transfer.RefusalReason = r.Accept ? null : r.Reason!.Trim();
        if (r.Accept)
        {
            // 首问负责 passes to whoever accepted; the case moves to the unit it was sent to (or the new owner's unit).
            var unit = toUnit ?? units.FirstOrDefault(u => u.Id == actor.UnitId);
            c.OwnerId = actor.AccountId;
            c.OwnerName = actor.DisplayName;
            if (unit is not null)
            {
                c.UnitId = unit.Id;
                c.UnitPath = unit.Path;
            }

            Respond(loaded);
        }

        uow.Event(actor, c, r.Accept ? CaseEvents.TransferAccepted : CaseEvents.TransferRefused, r.Reason,
            new { from = transfer.FromName, to = transfer.ToAccountName ?? transfer.ToUnitName });
        await uow.SaveAsync(loaded, ct);
    }

    public async Task CompleteStepAsync(Actor actor, Guid id, StepRequest r, CancellationToken ct = default)
    {
        var loaded = await uow.LoadAsync(actor, id, Permissions.CasesHandle, r.Version, ct);
        var c = loaded.Case;
        var definition = await process.DefinitionAsync(c, ct);
        var step = await ActiveStepAsync(actor, c, definition, r.StepKey, ct);
        var values = r.Values ?? new Dictionary<string, string>();
        var signOffs = r.SignOffs ?? [];
        var v = new Validation(T).Optional("Note", r.Note, 1000);
        v.Check(values.Count <= 100 && values.All(x => x.Key.Length <= 64 && (x.Value?.Length ?? 0) <= 2000), "Values", T["Cases.StepValuesTooLong"]);
        v.Check(signOffs.Count <= 50 && signOffs.All(x => x is not null && x.Length <= 50), "SignOffs", T["Cases.StepValuesTooLong"]);
        v.ThrowIfAny();
        var problems = ProcessRun.CheckCompletion(step, values, signOffs);
        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems.GroupBy(p => p.Subject)
                .ToDictionary(g => g.Key, g => g.Select(p => T[p.Code, StepLabel(step, p.Subject)].Value).ToArray()));
        }

        var before = ProcessSteps.StateOf(c);
        var after = Apply(() => ProcessRun.Complete(definition, before, step.Key));
        await process.MoveAsync(c, definition, before, after, Now, ct, step.Key, "completed", actor.DisplayName, values, signOffs, Validation.Clean(r.Note));
        uow.Event(actor, c, CaseEvents.StepCompleted, r.Note, new
        {
            step = step.Name,
            next = after.Active.Except(before.Active).Select(k => definition.Steps.First(s => s.Key == k).Name).ToList(),
            notice = step.Options?.CompletionNotice == true,
            finished = after.Outcome == ProcessOutcome.Finished,
        });
        Respond(loaded);
        await uow.SaveAsync(loaded, ct);
    }

    public Task ReturnStepAsync(Actor actor, Guid id, ReturnStepRequest r, CancellationToken ct = default) =>
        StepDecisionAsync(actor, id, r.StepKey, r.Reason, r.Version, "returned", CaseEvents.StepReturned,
            (definition, before, step) => ProcessRun.Return(definition, before, step.Key, r.ToStep ?? ""),
            (definition, step) => new { step = step.Name, to = definition.Steps.First(s => s.Key == r.ToStep).Name }, ct);

    /// <summary>否定: the step says no; the rejection is recorded and reported (否定报备) and the case can then be closed with that answer.</summary>
    public Task RejectStepAsync(Actor actor, Guid id, RejectStepRequest r, CancellationToken ct = default) =>
        StepDecisionAsync(actor, id, r.StepKey, r.Reason, r.Version, "rejected", CaseEvents.StepRejected,
            (definition, before, step) => ProcessRun.Reject(definition, before, step.Key),
            (_, step) => new { step = step.Name, reported = true }, ct);

    /// <summary>A step ended with a reason instead of its form (退回, 否定): the move, the step row and the event.</summary>
    private async Task StepDecisionAsync(
        Actor actor, Guid id, string? stepKey, string? reason, int? version, string outcome, string eventType,
        Func<ProcessDefinition, ProcessState, ProcessStep, ProcessState> move, Func<ProcessDefinition, ProcessStep, object> data, CancellationToken ct)
    {
        var loaded = await uow.LoadAsync(actor, id, Permissions.CasesHandle, version, ct);
        var c = loaded.Case;
        Require("Reason", reason, "Cases.ReasonRequired");
        new Validation(T).Optional("Reason", reason, 1000).ThrowIfAny();
        var definition = await process.DefinitionAsync(c, ct);
        var step = await ActiveStepAsync(actor, c, definition, stepKey, ct);
        var before = ProcessSteps.StateOf(c);
        var after = Apply(() => move(definition, before, step));
        await process.MoveAsync(c, definition, before, after, Now, ct, step.Key, outcome, actor.DisplayName, note: reason);
        uow.Event(actor, c, eventType, reason, data(definition, step));
        await uow.SaveAsync(loaded, ct);
    }

    /// <summary>
    /// 超时默认: the timer's call for a step whose due instant passed. Performs it once: false when the step already
    /// ended, is not due, does not allow deemed approval, or another worker changed the case first.
    /// </summary>
    public async Task<bool> DeemStepAsync(Guid caseStepId, DateTime nowUtc, CancellationToken ct)
    {
        var db = uow.Db;
        var row = await db.Steps.AsNoTracking().FirstOrDefaultAsync(s => s.Id == caseStepId, ct);
        if (row is null || row.Outcome is not null || row.DueAt is not { } due || due > nowUtc)
        {
            return false;
        }

        var c = await db.Cases.FirstAsync(x => x.Id == row.CaseId, ct);
        if (!CaseLifecycle.IsOpen(c.Status) || c.ProcessOutcome != ProcessOutcome.Running || c.IsPaused)
        {
            return false;
        }

        var definition = await process.DefinitionAsync(c, ct);
        var step = definition.Steps.FirstOrDefault(s => s.Key == row.StepKey);
        if (step?.Options?.DeemedApprovedOnTimeout != true || !ProcessSteps.StateOf(c).Active.Contains(step.Key))
        {
            // Not a deemed-approval step: nothing will ever happen to its due instant, so stop looking at it.
            await db.Steps.Where(s => s.Id == caseStepId && s.DueAt == due).ExecuteUpdateAsync(s => s.SetProperty(x => x.DueAt, (DateTime?)null), ct);
            return false;
        }

        var before = ProcessSteps.StateOf(c);
        var after = ProcessRun.DeemApproved(definition, before, step.Key);
        await process.MoveAsync(c, definition, before, after, nowUtc, ct, step.Key, "deemed", T["Cases.System"]);
        uow.Event(null, c, CaseEvents.StepDeemed, null, new { step = step.Name, due });
        c.UpdatedAt = nowUtc;
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    public async Task ChangeAsync(Actor actor, Guid id, ChangeCaseRequest r, CancellationToken ct = default)
    {
        var loaded = await uow.LoadAsync(actor, id, Permissions.CasesRead, r.Version, ct);
        var c = loaded.Case;
        RequireOwnerOrDispatcher(actor, c);
        var v = new Validation(T);
        v.Optional("Title", r.Title, 200).Optional("Description", r.Description, 4000).Optional("Address", r.Address, 200).Optional("Area", r.Area, 50)
            .Optional("Note", r.Note, 2000);
        v.Check(r.Priority is null || Enum.IsDefined(r.Priority.Value), "Priority", T["Cases.PriorityInvalid"]);
        CaseItemInfo? item = null;
        if (r.ItemId is { } itemId && itemId != c.ItemId)
        {
            item = await catalog.ItemAsync(itemId, ct);
            v.Check(item is { IsRetired: false }, "ItemId", T["Cases.ItemUnknown"]);
        }

        v.ThrowIfAny();
        if (!CaseLifecycle.IsOpen(c.Status))
        {
            throw new BusinessRuleException(T["Cases.Ended"]);
        }

        var changes = new Dictionary<string, object?>();
        if (Validation.Clean(r.Title) is { } title && title != c.Title)
        {
            changes["title"] = new object?[] { c.Title, title };
            c.Title = title;
        }

        if (Validation.Clean(r.Description) is { } description && description != c.Description)
        {
            changes["description"] = new object?[] { c.Description?.Length ?? 0, description.Length };   // lengths: the text itself is on the case
            c.Description = description;
        }
        if (Validation.Clean(r.Address) is { } address && address != c.Address)
        {
            changes["address"] = "***";   // personal data: the timeline says it changed, not what to
            c.Address = address;
        }
        var retarget = false;
        if (item is not null)
        {
            changes["item"] = new object?[] { c.ItemCode, item.Code };
            c.ItemId = item.Id;
            c.ItemCode = item.Code;
            c.ItemName = item.Name;
            c.Handling = item.Handling;
            retarget = true;
        }

        if (r.Priority is { } priority && priority != c.Priority)
        {
            changes["priority"] = new object?[] { c.Priority.ToString(), priority.ToString() };
            c.Priority = priority;
            retarget = true;
        }

        if (Validation.Clean(r.Area) is { } area && area != c.Area)
        {
            changes["area"] = new object?[] { c.Area, area };
            c.Area = area;
            retarget = true;
        }

        if (changes.Count == 0)
        {
            return;
        }

        uow.Event(actor, c, CaseEvents.Changed, r.Note, changes);
        if (retarget)
        {
            await RetargetAsync(actor, loaded, item ?? await catalog.ItemAsync(c.ItemId, ct), ct);
        }

        await uow.SaveAsync(loaded, ct);
    }

    /// <summary>
    /// New promises for the case's new item, priority or area: the old clocks stop (kept for history), new ones start at
    /// the case's original start with every pause so far — accumulated pause time is carried forward, not lost — and
    /// milestones already reached count as met.
    /// </summary>
    private async Task RetargetAsync(Actor actor, LoadedCase loaded, CaseItemInfo? item, CancellationToken ct)
    {
        var c = loaded.Case;
        var old = loaded.Clocks.Where(k => k.IsActive).ToList();
        foreach (var clock in old)
        {
            clock.IsActive = false;
            clock.NextCheckAt = null;
        }

        var fresh = item is null ? [] : await clocks.CreateAsync(c, item.Commitments, ct);
        foreach (var clock in fresh)
        {
            // Whatever the old clock of the same metric had reached (a reply, the arrival, a milestone) stays reached.
            clock.MetAt = old.FirstOrDefault(o => o.Metric == clock.Metric && o.Milestone == clock.Milestone && o.MetAt is not null)?.MetAt
                          ?? clock.Metric switch
                          {
                              ClockMetric.FirstResponse => c.DispatchedAt,
                              ClockMetric.Arrival => c.ArrivedAt,
                              ClockMetric.Resolution => c.CompletedAt,
                              _ => null,
                          };
            clock.Extension = old.FirstOrDefault(o => o.Metric == clock.Metric && o.Extension is not null)?.Extension;
        }

        uow.Db.Clocks.AddRange(fresh);
        loaded.Clocks.AddRange(fresh);
        loaded.ClocksChanged = true;
        uow.Event(actor, c, CaseEvents.Retargeted, null, new
        {
            before = old.Select(o => $"{o.Name} {o.Limit}").ToList(),
            after = fresh.Select(f => $"{f.Name} {f.Limit}").ToList(),
            pausedMinutes = (int)loaded.Pauses.Sum(p => ((p.To ?? Now) - p.From).TotalMinutes),
        });
    }

    public async Task MergeAsync(Actor actor, Guid id, MergeRequest r, CancellationToken ct = default)
    {
        var loaded = await uow.LoadAsync(actor, id, Permissions.CasesDispatch, r.Version, ct);
        var c = loaded.Case;
        if (r.IntoCaseId == c.Id)
        {
            throw ValidationFailedException.For("IntoCaseId", T["Cases.MergeSelf"]);
        }

        var into = await uow.Db.Cases.FirstOrDefaultAsync(x => x.Id == r.IntoCaseId, ct);
        if (into is null || !CaseAccess.Reaches(actor, Permissions.CasesRead, into))
        {
            throw ValidationFailedException.For("IntoCaseId", T["Cases.NotFound"]);
        }

        if (!CaseLifecycle.IsOpen(into.Status))
        {
            throw new BusinessRuleException(T["Cases.MergeIntoEnded"]);
        }

        uow.Transition(actor, loaded, CaseAction.Merge, CaseEvents.Merged, r.Note, new { into = into.Number });
        c.MergedIntoId = into.Id;
        await EndAsync(loaded, ct);
        var existing = await uow.Db.Links.FirstOrDefaultAsync(l => l.CaseId == c.Id && l.OtherCaseId == into.Id, ct);
        if (existing is null)
        {
            AddLink(actor, c.Id, into.Id, CaseLinkKind.Duplicate);
        }
        else
        {
            existing.Kind = CaseLinkKind.Duplicate;   // already linked as related: the merge says what the link is
        }
        uow.Event(actor, into, CaseEvents.MergedFrom, r.Note, new { from = c.Number });
        await uow.SaveAsync(loaded, ct);
    }

    public async Task LinkAsync(Actor actor, Guid id, LinkRequest r, CancellationToken ct = default)
    {
        var loaded = await uow.LoadAsync(actor, id, Permissions.CasesHandle, null, ct);
        var c = loaded.Case;
        var other = await uow.Db.Cases.FirstOrDefaultAsync(x => x.Id == r.OtherCaseId, ct);
        if (other is null || other.Id == c.Id || !CaseAccess.Reaches(actor, Permissions.CasesRead, other))
        {
            throw ValidationFailedException.For("OtherCaseId", T["Cases.NotFound"]);
        }

        if (!Enum.IsDefined(r.Kind) || r.Kind == CaseLinkKind.Duplicate)
        {
            throw ValidationFailedException.For("Kind", T["Cases.LinkKindInvalid"]);
        }

        if (await uow.Db.Links.AnyAsync(l => l.CaseId == c.Id && l.OtherCaseId == other.Id, ct))
        {
            throw new BusinessRuleException(T["Cases.AlreadyLinked"]);
        }

        AddLink(actor, c.Id, other.Id, r.Kind);
        uow.Event(actor, c, CaseEvents.Linked, null, new { other = other.Number, kind = r.Kind.ToString() });
        await uow.SaveAsync(loaded, ct);
    }

    private void AddLink(Actor actor, Guid from, Guid to, CaseLinkKind kind) =>
        uow.Db.Links.Add(new CaseLink { Id = Guid.CreateVersion7(), CaseId = from, OtherCaseId = to, Kind = kind, At = Now, By = actor.DisplayName });

    public async Task ReplyAsync(Actor actor, Guid id, ReplyRequest r, CancellationToken ct = default)
    {
        var loaded = await uow.LoadAsync(actor, id, Permissions.CasesHandle, r.Version, ct);
        Require("Reply", r.Reply, "Cases.ReplyRequired");
        new Validation(T).Optional("Reply", r.Reply, 2000).ThrowIfAny();
        uow.Event(actor, loaded.Case, CaseEvents.Replied, r.Reply);
        Respond(loaded);
        CaseClocks.Meet(loaded.Clocks, ClockMetric.Reply, Now);
        await uow.SaveAsync(loaded, ct);
    }

    public async Task MilestoneAsync(Actor actor, Guid id, MilestoneRequest r, CancellationToken ct = default)
    {
        var loaded = await uow.LoadAsync(actor, id, Permissions.CasesHandle, r.Version, ct);
        var name = Validation.Clean(r.Milestone);
        if (name is null || !CaseClocks.Meet(loaded.Clocks, ClockMetric.Custom, Now, name))
        {
            throw ValidationFailedException.For("Milestone", T["Cases.MilestoneUnknown"]);
        }

        uow.Event(actor, loaded.Case, CaseEvents.Milestone, r.Note, new { milestone = name });
        loaded.ClocksChanged = true;
        await uow.SaveAsync(loaded, ct);
    }

    public async Task AddNoteAsync(Actor actor, Guid id, CaseNoteRequest r, CancellationToken ct = default)
    {
        var loaded = await uow.LoadAsync(actor, id, Permissions.CasesRead, r.Version, ct);
        if (loaded.Case.OwnerId != actor.AccountId && !CaseAccess.Reaches(actor, Permissions.CasesHandle, loaded.Case))
        {
            throw new ForbiddenException(Permissions.CasesHandle);
        }

        Require("Note", r.Note, "Cases.NoteRequired");
        new Validation(T).Optional("Note", r.Note, 2000).ThrowIfAny();
        uow.Event(actor, loaded.Case, CaseEvents.Note, r.Note);
        await uow.SaveAsync(loaded, ct);
    }

    public async Task GoodsInAsync(Actor actor, Guid id, GoodsInRequest r, CancellationToken ct = default)
    {
        var loaded = await uow.LoadAsync(actor, id, Permissions.CasesHandle, null, ct);
        new Validation(T).Required("Article", r.Article, 200).Optional("SerialNumber", r.SerialNumber, 100).Optional("Condition", r.Condition, 500).ThrowIfAny();
        uow.Db.Goods.Add(new CaseGoods
        {
            Id = Guid.CreateVersion7(), CaseId = id, Article = r.Article!.Trim(), SerialNumber = Validation.Clean(r.SerialNumber),
            Condition = Validation.Clean(r.Condition), InAt = Now, InBy = actor.DisplayName,
        });
        uow.Event(actor, loaded.Case, CaseEvents.GoodsIn, r.Condition, new { article = r.Article!.Trim(), serial = Validation.Clean(r.SerialNumber) });
        await uow.SaveAsync(loaded, ct);
    }

    public async Task GoodsOutAsync(Actor actor, Guid id, Guid goodsId, GoodsOutRequest r, CancellationToken ct = default)
    {
        var loaded = await uow.LoadAsync(actor, id, Permissions.CasesHandle, null, ct);
        var goods = await uow.Db.Goods.FirstOrDefaultAsync(g => g.Id == goodsId && g.CaseId == id, ct) ?? throw new NotFoundException(T["Cases.GoodsNotFound"]);
        if (goods.OutAt is not null)
        {
            throw new BusinessRuleException(T["Cases.GoodsAlreadyOut"]);
        }

        new Validation(T).Optional("ReceivedBy", r.ReceivedBy, 50).ThrowIfAny();
        goods.OutAt = Now;
        goods.OutBy = actor.DisplayName;
        goods.ReceivedBy = Validation.Clean(r.ReceivedBy);
        uow.Event(actor, loaded.Case, CaseEvents.GoodsOut, null, new { article = goods.Article });
        await uow.SaveAsync(loaded, ct);
    }

    /// <summary>First response (首次响应) is met by the first handling action after intake.</summary>
    private void Respond(LoadedCase loaded)
    {
        CaseClocks.Meet(loaded.Clocks, ClockMetric.FirstResponse, Now);

        // Any clock met by this action (now or by the caller after this call) changes the case's due summary.
        loaded.ClocksChanged = true;
    }

    /// <summary>A cancelled or merged case promises nothing more: its clocks stop, its open steps end.</summary>
    private async Task EndAsync(LoadedCase loaded, CancellationToken ct)
    {
        foreach (var clock in loaded.Clocks.Where(k => k.IsActive && k.MetAt is null))
        {
            clock.IsActive = false;
            clock.NextCheckAt = null;
        }

        foreach (var pause in loaded.Pauses.Where(p => p.To is null))
        {
            pause.To = Now;
        }

        loaded.Case.IsPaused = false;
        var c = loaded.Case;
        foreach (var step in await uow.Db.Steps.Where(s => s.CaseId == c.Id && s.Outcome == null).ToListAsync(ct))
        {
            step.Outcome = "dropped";
            step.EndedAt = Now;
        }

        if (c.ProcessOutcome == ProcessOutcome.Running)
        {
            c.ProcessActive = "";
        }

        loaded.ClocksChanged = true;
    }

    private async Task<ProcessStep> ActiveStepAsync(Actor actor, Case c, ProcessDefinition definition, string? key, CancellationToken ct)
    {
        var step = definition.Steps.FirstOrDefault(s => s.Key == key);
        if (step is null || !ProcessSteps.StateOf(c).Active.Contains(step.Key))
        {
            throw new BusinessRuleException(T["Step.NotActive"]);
        }

        if (c.IsPaused)
        {
            throw new BusinessRuleException(T["Case.Paused"]);
        }

        // The step's assignee decides, or a dispatcher reaching the case (who may act for an absent colleague).
        if (CaseAccess.Reaches(actor, Permissions.CasesDispatch, c))
        {
            return step;
        }

        var me = (await org.StaffAsync(ct)).FirstOrDefault(s => s.Id == actor.AccountId);
        var allowed = step.Assignee.Kind switch
        {
            AssigneeKind.Role => me?.Roles.Contains(step.Assignee.Code, StringComparer.Ordinal) == true,
            _ => (await org.UnitsAsync(ct)).FirstOrDefault(u => u.Code == step.Assignee.Code) is { } unit
                 && actor.UnitPath is not null && UnitPath.IsWithin(actor.UnitPath, unit.Path),
        };
        return allowed ? step : throw new ForbiddenException(T["Cases.NotStepAssignee", step.Name]);
    }

    private static string StepLabel(ProcessStep step, string subject) =>
        step.Form?.FirstOrDefault(f => f.Key == subject)?.Label ?? subject;

    private ProcessState Apply(Func<ProcessState> move)
    {
        try
        {
            return move();
        }
        catch (CaseRuleException ex)
        {
            throw new BusinessRuleException(T[ex.Code]);
        }
    }

    /// <summary>Field actions belong to the assignee (or a dispatcher standing in).</summary>
    private void RequireWorker(Actor actor, Case c)
    {
        if (c.AssigneeId is { } assignee && assignee != actor.AccountId && !CaseAccess.Reaches(actor, Permissions.CasesDispatch, c))
        {
            throw new ForbiddenException(T["Cases.NotYourDispatch", c.AssigneeName ?? ""]);
        }
    }

    private void RequireOwnerOrDispatcher(Actor actor, Case c)
    {
        if (c.OwnerId != actor.AccountId && !CaseAccess.Reaches(actor, Permissions.CasesDispatch, c))
        {
            throw new ForbiddenException(T["Cases.OwnerOrDispatcher"]);
        }
    }

    private void Require(string field, string? value, string messageKey)
    {
        if (Validation.Clean(value) is null)
        {
            throw ValidationFailedException.For(field, T[messageKey]);
        }
    }
}
