using Norma.Rules.Standards;
using Norma.Shared.Persistence;

namespace Norma.Modules.Standards.Domain;

/// <summary>国家 / 行业 / 地方 / 团体 / 企业.</summary>
public enum StandardLevel
{
    National = 1,
    Industry = 2,
    Local = 3,
    Group = 4,
    Enterprise = 5,
}

/// <summary>A node of the standard system tree (GB/T 24421: 通用基础 / 保障 / 提供 and their sub-systems).</summary>
public sealed class StandardNode : IVersioned
{
    public Guid Id { get; set; }
    public Guid? ParentId { get; set; }

    /// <summary>Used in numbering, e.g. TG-PJ.</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public int SortOrder { get; set; }
    public bool IsRetired { get; set; }
    public int Version { get; set; }
}

/// <summary>A standard across its versions: what does not change from one edition to the next.</summary>
public sealed class Standard : IVersioned
{
    public Guid Id { get; set; }

    /// <summary>e.g. YCYC-DC-04 or GB/T 24421.1-2009.</summary>
    public string Number { get; set; } = "";
    public StandardLevel Level { get; set; }

    /// <summary>An external standard the organization adopts (采用), rather than one it wrote.</summary>
    public bool IsAdopted { get; set; }
    public Guid NodeId { get; set; }

    /// <summary>复审 cycle; null for none.</summary>
    public int? ReviewCycleMonths { get; set; }

    /// <summary>The standard this one replaces (代替); the reverse is "superseded by".</summary>
    public Guid? SupersedesId { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
    public List<StandardVersion> Versions { get; set; } = [];
}

/// <summary>One edition of a standard (A/0, A/1, B/0 …) with its own text, people, dates and lifecycle state.</summary>
public sealed class StandardVersion : IVersioned
{
    public Guid Id { get; set; }
    public Guid StandardId { get; set; }
    public string Edition { get; set; } = Rules.Standards.Edition.First;
    public string Title { get; set; } = "";
    public StandardStatus Status { get; set; } = StandardStatus.Draft;

    /// <summary>Markdown; headings become numbered clauses.</summary>
    public string Body { get; set; } = "";
    public string? ProposingUnit { get; set; }
    public string? InterpretingUnit { get; set; }
    public string? DraftedBy { get; set; }
    public string? ReviewedBy { get; set; }
    public string? ApprovedBy { get; set; }

    /// <summary>Referenced standards, one per line.</summary>
    public string? References { get; set; }
    public DateOnly? IssuedOn { get; set; }
    public DateOnly? EffectiveOn { get; set; }
    public DateOnly? AbolishedOn { get; set; }
    public DateOnly? LastReviewedOn { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }

    public VersionDates Dates => new(Id, Status, EffectiveOn, AbolishedOn);
}

/// <summary>One lifecycle step: who did what to which version, when, with what comment.</summary>
public sealed class StandardEvent
{
    public Guid Id { get; set; }
    public Guid StandardId { get; set; }
    public Guid VersionId { get; set; }
    public string Action { get; set; } = "";
    public StandardStatus? FromStatus { get; set; }
    public StandardStatus ToStatus { get; set; }
    public Guid? ActorId { get; set; }
    public string ActorName { get; set; } = "";
    public DateTime At { get; set; }
    public string? Comment { get; set; }
}

/// <summary>
/// A record elsewhere that implements a standard (or one of its clauses): a service item, a process step, a
/// checklist item, an evaluation indicator. Capabilities register these through <see cref="Contracts.IStandardCitations"/>.
/// </summary>
public sealed class StandardCitation
{
    public Guid Id { get; set; }
    public Guid StandardId { get; set; }

    /// <summary>Clause number such as "4.2"; null cites the whole standard.</summary>
    public string? Clause { get; set; }

    /// <summary>What kind of record cites it, e.g. "service_item", "process_step", "checklist_item", "indicator".</summary>
    public string SourceType { get; set; } = "";
    public string SourceId { get; set; } = "";

    /// <summary>How to show the citing record, e.g. "服务事项 燃气报修".</summary>
    public string SourceLabel { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>An original document of a version (the signed PDF, the Word draft), kept in the database.</summary>
public sealed class StandardAttachment
{
    public Guid Id { get; set; }
    public Guid StandardId { get; set; }
    public Guid VersionId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public string UploadedBy { get; set; } = "";
    public DateTime UploadedAt { get; set; }
}
