namespace Norma.Modules.Cases.Domain;

/// <summary>The event types of a case's timeline. Each has a localized label "CaseEvent.{type}".</summary>
public static class CaseEvents
{
    public const string Created = "created";
    public const string Dispatched = "dispatched";
    public const string Taken = "taken";
    public const string Declined = "declined";
    public const string CheckedIn = "checked_in";
    public const string WorkRecorded = "work_recorded";
    public const string Completed = "completed";
    public const string Closed = "closed";
    public const string Reopened = "reopened";
    public const string Cancelled = "cancelled";
    public const string Merged = "merged";
    public const string MergedFrom = "merged_from";
    public const string Linked = "linked";
    public const string Changed = "changed";
    public const string Retargeted = "retargeted";
    public const string TransferRequested = "transfer_requested";
    public const string TransferAccepted = "transfer_accepted";
    public const string TransferRefused = "transfer_refused";
    public const string Paused = "paused";
    public const string Resumed = "resumed";
    public const string ExtensionRequested = "extension_requested";
    public const string ExtensionApproved = "extension_approved";
    public const string ExtensionRefused = "extension_refused";
    public const string StepCompleted = "step_completed";
    public const string StepReturned = "step_returned";
    public const string StepRejected = "step_rejected";
    public const string StepDeemed = "step_deemed";
    public const string Replied = "replied";
    public const string Milestone = "milestone";
    public const string Note = "note";
    public const string GoodsIn = "goods_in";
    public const string GoodsOut = "goods_out";
    public const string FileAdded = "file_added";
    public const string ClockWarning = "clock_warning";
    public const string ClockBreached = "clock_breached";
    public const string Escalated = "escalated";
    public const string EscalationAcknowledged = "escalation_acknowledged";

    public static readonly string[] All =
    [
        Created, Dispatched, Taken, Declined, CheckedIn, WorkRecorded, Completed, Closed, Reopened, Cancelled, Merged, MergedFrom, Linked,
        Changed, Retargeted, TransferRequested, TransferAccepted, TransferRefused, Paused, Resumed, ExtensionRequested, ExtensionApproved,
        ExtensionRefused, StepCompleted, StepReturned, StepRejected, StepDeemed, Replied, Milestone, Note, GoodsIn, GoodsOut, FileAdded,
        ClockWarning, ClockBreached, Escalated, EscalationAcknowledged,
    ];
}
