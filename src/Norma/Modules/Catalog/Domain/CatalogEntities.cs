using Norma.Shared.Persistence;

namespace Norma.Modules.Catalog.Domain;

/// <summary>服务事项的类别 (SPEC §2).</summary>
public enum ItemCategory
{
    Consultation = 1,
    Repair = 2,
    Complaint = 3,
    Suggestion = 4,
    Help = 5,
    AdministrativeApproval = 6,
    OnSiteService = 7,
    Inspection = 8,
    Other = 9,
}

/// <summary>即办件 (answered on the spot) or 承诺件 (done within a committed time limit).</summary>
public enum HandlingKind
{
    Immediate = 1,
    Promised = 2,
}

/// <summary>Where a case can come in (受理渠道).</summary>
[Flags]
public enum Channels
{
    None = 0,
    Phone = 1,
    Visit = 2,
    Online = 4,
    WeChat = 8,
    Email = 16,
    Api = 32,
    InspectionFinding = 64,
    Hotline = 128,
}

/// <summary>原件 / 复印件 / 原件及复印件 / 电子件.</summary>
public enum MaterialForm
{
    Original = 1,
    Copy = 2,
    OriginalAndCopy = 3,
    Electronic = 4,
}

/// <summary>What a commitment times: from intake to the first response, the arrival on site, the reply, 办结, or a named milestone.</summary>
public enum CommitmentMetric
{
    FirstResponse = 1,
    Arrival = 2,
    Reply = 3,
    Resolution = 4,
    Custom = 5,
}

/// <summary>A case's priority; commitments may apply only to some priorities (e.g. 大故障 = 紧急).</summary>
public enum Priority
{
    Low = 1,
    Normal = 2,
    High = 3,
    Urgent = 4,
}

/// <summary>A service the organization offers (服务事项), with what the applicant must bring and what it promises.</summary>
public sealed class ServiceItem : IVersioned
{
    public Guid Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public ItemCategory Category { get; set; }
    public Guid UnitId { get; set; }
    public string? Description { get; set; }

    /// <summary>设定依据 in words (laws, regulations); the standard clauses are citations in the standards library.</summary>
    public string? LegalBasis { get; set; }

    /// <summary>法定时限 and 承诺时限 in the compact TimeLimit form ("20wd"); null when none.</summary>
    public string? LegalLimit { get; set; }
    public string? CommittedLimit { get; set; }
    public string? FeeRule { get; set; }
    public Channels Channels { get; set; }
    public bool IsPublic { get; set; }
    public HandlingKind Handling { get; set; }

    /// <summary>Case numbering (编号规则), e.g. "{unit}{yy}{MM}{dd}{seq:2}".</summary>
    public string NumberingPattern { get; set; } = "";

    /// <summary>The unit letter/code that {unit} stands for in the numbering rule (the seed's "A" = 设计室).</summary>
    public string? NumberingUnitCode { get; set; }
    public Guid? ProcessTemplateId { get; set; }
    public bool IsRetired { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
    public List<ItemMaterial> Materials { get; set; } = [];
}

/// <summary>One line of the 材料清单 / 一次性告知单.</summary>
public sealed class ItemMaterial
{
    public Guid Id { get; set; }
    public Guid ItemId { get; set; }
    public int SortOrder { get; set; }
    public string Name { get; set; } = "";
    public MaterialForm Form { get; set; }
    public int Copies { get; set; }
    public bool Required { get; set; }
    public string? Notes { get; set; }
}

/// <summary>A named time target (服务承诺) of a service item.</summary>
public sealed class Commitment : IVersioned
{
    public Guid Id { get; set; }
    public Guid ItemId { get; set; }
    public int SortOrder { get; set; }
    public string Name { get; set; } = "";
    public CommitmentMetric Metric { get; set; }

    /// <summary>The milestone's name when <see cref="Metric"/> is Custom (e.g. 备件发出).</summary>
    public string? Milestone { get; set; }

    /// <summary>The limit in the compact TimeLimit form ("2h", "6wh", "5wd").</summary>
    public string Limit { get; set; } = "";

    /// <summary>The calendar working time is counted on; null = the calendar of the case's unit.</summary>
    public Guid? CalendarId { get; set; }

    /// <summary>Comma-separated priorities the commitment applies to; null = all.</summary>
    public string? Priorities { get; set; }

    /// <summary>The area it applies to (e.g. 市区 / 郊区); null = everywhere.</summary>
    public string? Area { get; set; }

    /// <summary>预警: warn when this share of the limit has been used.</summary>
    public int WarnAtPercent { get; set; } = 80;

    /// <summary>Where the promise comes from, in the organization's words.</summary>
    public string? Source { get; set; }
    public bool IsActive { get; set; } = true;
    public int Version { get; set; }
}

public enum TemplateVersionStatus
{
    Draft = 1,
    Published = 2,
    Superseded = 3,
}

/// <summary>A process template (流程模板); its content lives in versions so that a running case keeps the one it started with.</summary>
public sealed class ProcessTemplate : IVersioned
{
    public Guid Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public bool IsRetired { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
    public List<ProcessTemplateVersion> Versions { get; set; } = [];
}

/// <summary>One version of a template: a draft while being designed, then published and immutable.</summary>
public sealed class ProcessTemplateVersion : IVersioned
{
    public Guid Id { get; set; }
    public Guid TemplateId { get; set; }
    public int Number { get; set; }
    public TemplateVersionStatus Status { get; set; }

    /// <summary>The <see cref="Rules.Processes.ProcessDefinition"/> as JSON (ProcessJson).</summary>
    public string Definition { get; set; } = "";
    public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    public int Version { get; set; }
}
