using Norma.Modules.Cases.Domain;
using Norma.Modules.Catalog.Domain;
using Norma.Rules.Cases;

namespace Norma.Modules.Cases.Features.Handling;

// Every change request carries the Version the client read: a second writer gets a 409 instead of overwriting.

/// <summary>A note with a transition (接单, 到场, 撤销, 重新打开 …).</summary>
public sealed record CaseNoteRequest(string? Note = null, int? Version = null);

/// <summary>派工: to a technician (whose unit the case moves to) or to a unit (a technician there takes it).</summary>
public sealed record DispatchRequest(Guid? AssigneeId = null, Guid? UnitId = null, string? Note = null, int? Version = null);

/// <summary>Time and material spent (维修记录): a line of the technician's daily report.</summary>
public sealed record WorkRequest(int Minutes, ChargeType Charge, string? Description, DateOnly? WorkDate = null, string? Parts = null, long FeeFen = 0, int? Version = null);

/// <summary>
/// 完工 with the customer's confirmation: the name of who confirmed and either a signature image (a PNG data URL, as a
/// signature pad produces) or a confirmation code the customer read out; the charge type, fees (分) and invoice request.
/// </summary>
public sealed record CompleteRequest(
    string? Resolution, string? ConfirmedBy, string? Signature = null, string? ConfirmationCode = null, ChargeType? Charge = null,
    long? FeeFen = null, bool InvoiceRequested = false, int? Version = null);

public sealed record CloseRequest(string? Resolution = null, int? Version = null);

public sealed record PauseRequest(PauseReason Reason, string? Note = null, DateOnly? NotifiedOn = null, int? Version = null);

/// <summary>延期: a working-time limit to add (e.g. "10wd" under 行政许可法 §42) and the reason.</summary>
public sealed record ExtensionRequest(string? Limit, string? Reason, int? Version = null);

/// <summary>The supervisor's decision; an approval needs the notice given to the customer (告知).</summary>
public sealed record ExtensionDecision(bool Approve, string? Note = null, string? CustomerNotice = null, int? Version = null);

/// <summary>转办 to a person or a unit; ownership moves only when accepted.</summary>
public sealed record TransferRequest(Guid? ToAccountId, Guid? ToUnitId, string? Reason, int? Version = null);

public sealed record TransferDecision(bool Accept, string? Reason = null, int? Version = null);

public sealed record StepRequest(string? StepKey, IReadOnlyDictionary<string, string>? Values = null, IReadOnlyList<string>? SignOffs = null, string? Note = null, int? Version = null);

public sealed record ReturnStepRequest(string? StepKey, string? ToStep, string? Reason, int? Version = null);

public sealed record RejectStepRequest(string? StepKey, string? Reason, int? Version = null);

/// <summary>Change of item, priority or area: the commitments are re-targeted, the pauses so far carried forward.</summary>
public sealed record ChangeCaseRequest(
    Guid? ItemId = null, Priority? Priority = null, string? Area = null, string? Title = null, string? Description = null, string? Address = null,
    string? Note = null, int? Version = null);

public sealed record MergeRequest(Guid IntoCaseId, string? Note = null, int? Version = null);

public sealed record LinkRequest(Guid OtherCaseId, CaseLinkKind Kind = CaseLinkKind.Related);

public sealed record ReplyRequest(string? Reply, int? Version = null);

public sealed record MilestoneRequest(string? Milestone, string? Note = null, int? Version = null);

public sealed record GoodsInRequest(string? Article, string? SerialNumber = null, string? Condition = null);

public sealed record GoodsOutRequest(string? ReceivedBy = null);
