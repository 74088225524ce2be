using Norma.Modules.Catalog.Domain;
using Norma.Rules.Cases;
using Norma.Shared.Persistence;

namespace Norma.Modules.Cases.Domain;

/// <summary>How a case came in (受理渠道, SPEC §4).</summary>
public enum CaseChannel
{
    Phone = 1,
    Visit = 2,
    Online = 3,
    WeChat = 4,
    Email = 5,
    Api = 6,
    InspectionFinding = 7,

    /// <summary>外部热线转办 (12345 …): keeps the hotline's own number.</summary>
    Hotline = 8,
}

/// <summary>收费类别 of the seed's 服务凭证: A 有费, B 合同, C 免费 (保修), D 行政/内部.</summary>
public enum ChargeType
{
    Paid = 1,
    Contract = 2,
    Free = 3,
    Internal = 4,
}

public enum TransferStatus
{
    Pending = 1,
    Accepted = 2,
    Refused = 3,
    Withdrawn = 4,
}

public enum ExtensionStatus
{
    Pending = 1,
    Approved = 2,
    Refused = 3,
}

public enum CaseLinkKind
{
    /// <summary>相关.</summary>
    Related = 1,

    /// <summary>A complaint about this case (投诉 → 被投诉的维修).</summary>
    ComplaintAbout = 2,

    /// <summary>Merged into the other case as a duplicate.</summary>
    Duplicate = 3,
}

/// <summary>
/// A case (工单/办件). The owner (首问负责人) is who received it until a transfer is accepted; the unit is where it is
/// handled now (the item's responsible unit, then the unit it was dispatched to); the assignee is the technician.
/// Clocks and the process position are materialized here and in <see cref="CaseCommitment"/> / <see cref="CaseStep"/>.
/// </summary>
public sealed class Case : IVersioned
{
    public Guid Id { get; set; }
    public string Number { get; set; } = "";
    public Guid ItemId { get; set; }
    public string ItemCode { get; set; } = "";
    public string ItemName { get; set; } = "";
    public HandlingKind Handling { get; set; }
    public CaseChannel Channel { get; set; }

    /// <summary>The external hotline's number for a transferred case (12345 工单号).</summary>
    public string? ExternalNumber { get; set; }
    public Guid? CustomerId { get; set; }
    public string? CallerName { get; set; }
    public string? CallerPhone { get; set; }
    public string? Address { get; set; }

    /// <summary>市区 / 郊区 …: selects area-bound commitments.</summary>
    public string? Area { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public Priority Priority { get; set; }
    public CaseStatus Status { get; set; }
    public bool IsPaused { get; set; }

    public Guid UnitId { get; set; }
    public string UnitPath { get; set; } = "";
    public Guid OwnerId { get; set; }
    public string OwnerName { get; set; } = "";
    public Guid? AssigneeId { get; set; }
    public string? AssigneeName { get; set; }

    public ChargeType? Charge { get; set; }

    /// <summary>Fees in fen (分).</summary>
    public long FeeFen { get; set; }
    public bool InvoiceRequested { get; set; }

    public Guid? ProcessVersionId { get; set; }

    /// <summary>Comma-separated active step keys, done step keys and the outcome (see CaseProcess).</summary>
    public string? ProcessActive { get; set; }
    public string? ProcessDone { get; set; }
    public ProcessOutcome? ProcessOutcome { get; set; }

    public string? Resolution { get; set; }
    public string? ConfirmedBy { get; set; }
    public string? ConfirmationCode { get; set; }
    public bool HasSignature { get; set; }

    public Guid? MergedIntoId { get; set; }

    public Guid CreatedById { get; set; }
    public string CreatedByName { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? DispatchedAt { get; set; }
    public DateTime? ArrivedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public DateTime? ClosedAt { get; set; }

    /// <summary>The earliest due instant of the running clocks (null when none runs): the "due soon" sort and filter.</summary>
    public DateTime? NextDueAt { get; set; }

    /// <summary>The worst clock state: 0 none, 1 on time, 2 预警, 3 超时 (breached, open or met late). For list filters.</summary>
    public int ClockFlag { get; set; }
    public int Version { get; set; }
}

/// <summary>One step of the case's history (时间线): who did what, when, from which status to which, and a note.</summary>
public sealed class CaseEvent
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public DateTime At { get; set; }
    public Guid? ActorId { get; set; }
    public string ActorName { get; set; } = "";

    /// <summary>E.g. "created", "dispatched", "checked_in", "paused", "commitment.breached", "escalated" (see CaseEvents).</summary>
    public string Type { get; set; } = "";
    public CaseStatus? FromStatus { get; set; }
    public CaseStatus? ToStatus { get; set; }
    public string? Note { get; set; }

    /// <summary>Small JSON of the event's facts (the assignee, the pause reason …).</summary>
    public string? Data { get; set; }
}

/// <summary>A commitment clock of a case, materialized: due and warning instants in indexed columns, read by the timer.</summary>
public sealed class CaseCommitment : IVersioned
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid CommitmentId { get; set; }
    public string Name { get; set; } = "";
    public ClockMetric Metric { get; set; }
    public string? Milestone { get; set; }
    public string Limit { get; set; } = "";
    public int WarnAtPercent { get; set; }
    public Guid CalendarId { get; set; }
    public int CalendarVersion { get; set; }
    public DateTime StartedAt { get; set; }
    public string? Extension { get; set; }
    public DateTime? DueAt { get; set; }
    public DateTime? WarnAt { get; set; }
    public DateTime? MetAt { get; set; }
    public ClockState State { get; set; }

    /// <summary>When the timer recorded the warning / the breach (each exactly once).</summary>
    public DateTime? WarnedAt { get; set; }
    public DateTime? BreachedAt { get; set; }

    /// <summary>督办 levels already raised (0 none, 1 supervisor, 2 unit head).</summary>
    public int EscalationLevel { get; set; }

    /// <summary>When the timer must look at this clock next (warning, due, next escalation); null when nothing is pending.</summary>
    public DateTime? NextCheckAt { get; set; }

    /// <summary>False once re-targeted away (item or priority changed) or the case ended unmet.</summary>
    public bool IsActive { get; set; } = true;
    public int Version { get; set; }
}

/// <summary>A pause (挂起). For the statutory reasons, the date the applicant was told in writing.</summary>
public sealed class CasePause
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public PauseReason Reason { get; set; }
    public string? Note { get; set; }
    public DateTime From { get; set; }
    public DateTime? To { get; set; }
    public DateOnly? NotifiedOn { get; set; }
    public string StartedBy { get; set; } = "";
    public string? EndedBy { get; set; }
}

/// <summary>An extension (延期) request; approved by a supervisor, with the notice given to the customer.</summary>
public sealed class CaseExtension
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public string Limit { get; set; } = "";
    public string Reason { get; set; } = "";
    public ExtensionStatus Status { get; set; }
    public Guid RequestedById { get; set; }
    public string RequestedBy { get; set; } = "";
    public DateTime RequestedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }
    public string? CustomerNotice { get; set; }
}

/// <summary>A transfer of ownership (转办): to a person or a unit; pending until accepted or refused.</summary>
public sealed class CaseTransfer
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid FromId { get; set; }
    public string FromName { get; set; } = "";
    public Guid? ToAccountId { get; set; }
    public string? ToAccountName { get; set; }
    public Guid? ToUnitId { get; set; }
    public string? ToUnitName { get; set; }
    public string Reason { get; set; } = "";
    public TransferStatus Status { get; set; }
    public DateTime RequestedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? RefusalReason { get; set; }
}

/// <summary>Work done on a case (维修记录 / 技术员工作日报表 lines): time, charge type, parts, fees.</summary>
public sealed class CaseWork
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid AccountId { get; set; }
    public string AccountName { get; set; } = "";
    public DateOnly WorkDate { get; set; }
    public int Minutes { get; set; }
    public ChargeType Charge { get; set; }
    public string Description { get; set; } = "";
    public string? Parts { get; set; }
    public long FeeFen { get; set; }
    public DateTime At { get; set; }
}

/// <summary>客户商品进出登记: an article taken in for off-site repair and handed back.</summary>
public sealed class CaseGoods
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public string Article { get; set; } = "";
    public string? SerialNumber { get; set; }
    public string? Condition { get; set; }
    public DateTime InAt { get; set; }
    public string InBy { get; set; } = "";
    public DateTime? OutAt { get; set; }
    public string? OutBy { get; set; }
    public string? ReceivedBy { get; set; }
}

/// <summary>A step of the case's process: activated, due (for 超时默认), done by whom with which form values.</summary>
public sealed class CaseStep
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public string StepKey { get; set; } = "";
    public string Name { get; set; } = "";
    public DateTime ActivatedAt { get; set; }
    public DateTime? DueAt { get; set; }

    /// <summary>"completed", "returned", "rejected", "deemed", "dropped"; null while active.</summary>
    public string? Outcome { get; set; }
    public DateTime? EndedAt { get; set; }
    public string? EndedBy { get; set; }
    public string? Values { get; set; }
    public string? SignOffs { get; set; }
    public string? Note { get; set; }
}

/// <summary>A link between two cases (a complaint to its repair, a duplicate to the case it was merged into).</summary>
public sealed class CaseLink
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid OtherCaseId { get; set; }
    public CaseLinkKind Kind { get; set; }
    public DateTime At { get; set; }
    public string By { get; set; } = "";
}

/// <summary>督办: an overdue clock escalated to the supervisor (level 1) and then the unit head (level 2).</summary>
public sealed class CaseEscalation
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid CaseCommitmentId { get; set; }
    public int Level { get; set; }
    public DateTime At { get; set; }
    public Guid? UnitId { get; set; }

    /// <summary>Who is notified: comma-separated account ids and their names for display.</summary>
    public string TargetIds { get; set; } = "";
    public string TargetNames { get; set; } = "";
    public DateTime? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
}

/// <summary>A file on a case (photos, the customer's signature image). Stored in the database, served as an attachment.</summary>
public sealed class CaseFile
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public byte[] Content { get; set; } = [];
    public bool IsSignature { get; set; }
    public string UploadedBy { get; set; } = "";
    public DateTime UploadedAt { get; set; }
}

/// <summary>The day's counter behind a numbering rule (one row per rule prefix and period), advanced atomically.</summary>
public sealed class CaseSequence
{
    public string Key { get; set; } = "";
    public long Value { get; set; }
}

/// <summary>Idempotency-Key of an API create: the first result, stored in the same transaction as the case.</summary>
public sealed class IdempotencyRecord
{
    public string Key { get; set; } = "";
    public Guid AccountId { get; set; }
    public string RequestHash { get; set; } = "";
    public Guid CaseId { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A saved case list filter of a user ("my open cases", "overdue in my unit").</summary>
public sealed class SavedCaseView
{
    public Guid Id { get; set; }
    public Guid AccountId { get; set; }
    public string Name { get; set; } = "";
    public string Query { get; set; } = "";
    public int SortOrder { get; set; }
    public DateTime CreatedAt { get; set; }
}
