namespace Norma.Rules.Cases;

/// <summary>Where a case (工单/办件) stands. Pausing (挂起) is not a status: a paused case keeps its status and a pause flag.</summary>
public enum CaseStatus
{
    /// <summary>已受理: registered, owned by its receiver (首问负责), not dispatched.</summary>
    Open = 1,

    /// <summary>已派工: sent to a unit or technician, not yet taken.</summary>
    Dispatched = 2,

    /// <summary>已接单: a technician took it.</summary>
    Accepted = 3,

    /// <summary>已到场: the technician checked in on site.</summary>
    OnSite = 4,

    /// <summary>已完工: work done and confirmed by the customer; waiting for the return visit / closing.</summary>
    Completed = 5,

    /// <summary>已办结.</summary>
    Closed = 6,

    /// <summary>已撤销.</summary>
    Cancelled = 7,

    /// <summary>已合并: a duplicate merged into another case.</summary>
    Merged = 8,
}

/// <summary>The lifecycle transitions of a case. Other changes (notes, work records, transfers, pauses) do not move the status.</summary>
public enum CaseAction
{
    /// <summary>派工 (also a re-dispatch from Dispatched/Accepted).</summary>
    Dispatch = 1,

    /// <summary>接单.</summary>
    Take = 2,

    /// <summary>退单: the technician hands a dispatch back (with a reason); the case is Open again.</summary>
    Decline = 3,

    /// <summary>到场签到.</summary>
    CheckIn = 4,

    /// <summary>完工 (with the customer's confirmation); also allowed from Open/Accepted for work done without a visit.</summary>
    Complete = 5,

    /// <summary>办结.</summary>
    Close = 6,

    /// <summary>重新打开 a closed case within the reopen window, or a completed one the customer did not accept.</summary>
    Reopen = 7,

    /// <summary>撤销.</summary>
    Cancel = 8,

    /// <summary>合并 into another case.</summary>
    Merge = 9,
}

/// <summary>A transition the lifecycle does not allow; <see cref="Code"/> names the rule for localized messages.</summary>
public sealed class CaseRuleException(string code, string message) : InvalidOperationException(message)
{
    /// <summary>E.g. "Case.NotAllowed", "Case.Paused", "Case.ReopenWindowPassed".</summary>
    public string Code { get; } = code;
}

/// <summary>The case state machine (SPEC §4): which action is allowed in which status, and where it leads.</summary>
public static class CaseLifecycle
{
    /// <summary>
    /// Whether <paramref name="action"/> is allowed in <paramref name="status"/> (ignoring pause and the reopen window).
    /// Table: Open → Dispatch, Complete, Close, Cancel, Merge; Dispatched → Dispatch, Take, Decline, Cancel, Merge;
    /// Accepted → Dispatch, CheckIn, Complete, Decline, Cancel; OnSite → Complete; Completed → Close, Reopen;
    /// Closed → Reopen; Cancelled and Merged → nothing.
    /// </summary>
    public static bool Allows(CaseStatus status, CaseAction action) => status switch
    {
        CaseStatus.Open => action is CaseAction.Dispatch or CaseAction.Complete or CaseAction.Close or CaseAction.Cancel or CaseAction.Merge,
        CaseStatus.Dispatched => action is CaseAction.Dispatch or CaseAction.Take or CaseAction.Decline or CaseAction.Cancel or CaseAction.Merge,
        CaseStatus.Accepted => action is CaseAction.Dispatch or CaseAction.CheckIn or CaseAction.Complete or CaseAction.Decline or CaseAction.Cancel,
        CaseStatus.OnSite => action is CaseAction.Complete,
        CaseStatus.Completed => action is CaseAction.Close or CaseAction.Reopen,
        CaseStatus.Closed => action is CaseAction.Reopen,
        _ => false,
    };

    /// <summary>The status after the action: Dispatch → Dispatched, Take → Accepted, Decline → Open, CheckIn → OnSite,
    /// Complete → Completed, Close → Closed, Reopen → Open, Cancel → Cancelled, Merge → Merged. The target depends on the
    /// action only; it does not check <see cref="Allows"/> (use <see cref="Apply"/> for that). An undefined action throws
    /// <see cref="ArgumentOutOfRangeException"/>.</summary>
    public static CaseStatus After(CaseStatus status, CaseAction action) => action switch
    {
        CaseAction.Dispatch => CaseStatus.Dispatched,
        CaseAction.Take => CaseStatus.Accepted,
        CaseAction.Decline => CaseStatus.Open,
        CaseAction.CheckIn => CaseStatus.OnSite,
        CaseAction.Complete => CaseStatus.Completed,
        CaseAction.Close => CaseStatus.Closed,
        CaseAction.Reopen => CaseStatus.Open,
        CaseAction.Cancel => CaseStatus.Cancelled,
        CaseAction.Merge => CaseStatus.Merged,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown case action."),
    };

    /// <summary>
    /// Checks and applies a transition. Throws <see cref="CaseRuleException"/>: "Case.NotAllowed" when the table forbids it,
    /// "Case.Paused" when the case is paused and the action is not Cancel or Merge, "Case.ReopenWindowPassed" when reopening a
    /// Closed case after <paramref name="closedAt"/> + <paramref name="reopenWindow"/> (the window is natural time, inclusive:
    /// reopening exactly at closedAt + window is allowed, a tick later is not). The checks run in that order, so a forbidden
    /// action on a paused case reports "Case.NotAllowed". The window is checked only when both <paramref name="closedAt"/>
    /// and <paramref name="reopenWindow"/> are given (either null = no window); reopening a Completed case has no window.
    /// </summary>
    public static CaseStatus Apply(CaseStatus status, CaseAction action, bool paused, DateTimeOffset now,
        DateTimeOffset? closedAt = null, TimeSpan? reopenWindow = null)
    {
        if (!Allows(status, action))
        {
            throw new CaseRuleException("Case.NotAllowed", $"The action {action} is not allowed on a case in status {status}.");
        }

        if (paused && action is not (CaseAction.Cancel or CaseAction.Merge))
        {
            throw new CaseRuleException("Case.Paused", $"The case is paused (挂起): resume it before the action {action}.");
        }

        if (action == CaseAction.Reopen && status == CaseStatus.Closed && closedAt is { } closed && reopenWindow is { } window
            && now > WindowEnd(closed, window))
        {
            throw new CaseRuleException("Case.ReopenWindowPassed",
                $"The case was closed at {closed:O}; it could be reopened until {WindowEnd(closed, window):O}.");
        }

        return After(status, action);
    }

    /// <summary>Open statuses: every status but Closed, Cancelled and Merged (clocks run, lists of "open cases").</summary>
    public static bool IsOpen(CaseStatus status) => status is not (CaseStatus.Closed or CaseStatus.Cancelled or CaseStatus.Merged);

    /// <summary>Whether a case in this status may be paused (挂起): Open, Dispatched, Accepted, OnSite.</summary>
    public static bool CanPause(CaseStatus status) =>
        status is CaseStatus.Open or CaseStatus.Dispatched or CaseStatus.Accepted or CaseStatus.OnSite;

    /// <summary>closedAt + window, saturating at the ends of <see cref="DateTimeOffset"/> instead of throwing.</summary>
    private static DateTimeOffset WindowEnd(DateTimeOffset closedAt, TimeSpan window)
    {
        var ticks = closedAt.UtcTicks;
        if (window.Ticks > 0 && ticks > DateTimeOffset.MaxValue.UtcTicks - window.Ticks)
        {
            return DateTimeOffset.MaxValue;
        }

        if (window.Ticks < 0 && ticks < DateTimeOffset.MinValue.UtcTicks - window.Ticks)
        {
            return DateTimeOffset.MinValue;
        }

        return new DateTimeOffset(ticks + window.Ticks, TimeSpan.Zero);
    }
}
