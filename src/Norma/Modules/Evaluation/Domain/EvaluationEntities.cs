using Norma.Shared.Persistence;

namespace Norma.Modules.Evaluation.Domain;

public enum SchemeStatus
{
    Draft,
    Active,
    Retired,
}

/// <summary>
/// One imported version of an evaluation scheme (测评方案). <see cref="Number"/> counts the versions of a
/// <see cref="Code"/> (1, 2, …); <see cref="Label"/> is the version the file itself states. A version is immutable
/// once activated: changing a scheme means importing its next version, whose activation retires this one.
/// </summary>
public sealed class EvaluationSchemeRecord : IVersioned
{
    public Guid Id { get; set; }
    public string Code { get; set; } = "";
    public int Number { get; set; }
    public string Label { get; set; } = "";
    public string Name { get; set; } = "";
    public SchemeStatus Status { get; set; }

    /// <summary>The scheme as <c>SchemeJson.Serialize</c> wrote it (the normalized file).</summary>
    public string Definition { get; set; } = "";

    /// <summary>Whether the validator found no errors: only then may the version be activated.</summary>
    public bool CanPublish { get; set; }

    /// <summary>The validator's problems (errors and warnings) as JSON, in its order.</summary>
    public string ProblemsJson { get; set; } = "[]";
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime? ActivatedAt { get; set; }
    public string? ActivatedBy { get; set; }
    public DateTime? RetiredAt { get; set; }
    public int Version { get; set; }

    public void Activate(DateTime now, string by)
    {
        Status = SchemeStatus.Active;
        ActivatedAt = now;
        ActivatedBy = by;
    }

    public void Retire(DateTime now)
    {
        Status = SchemeStatus.Retired;
        RetiredAt = now;
    }
}

/// <summary>
/// A sampled household visit (实地检查) for one subject — a staff member, or a unit in a scheme that scores units (the
/// property company's monthly inspection) — and one indicator: the nonconformities found, as a count or per check
/// item (<see cref="ItemCountsJson"/>: item key → count); for a rate indicator the observations and how many
/// conformed (<see cref="ItemCountsJson"/>: the rule's denominator and numerator names → counts).
/// </summary>
public sealed class FieldCheck : IVersioned
{
    public Guid Id { get; set; }
    public Guid SchemeId { get; set; }
    public string PeriodCode { get; set; } = "";
    public FigureSubjectKind SubjectKind { get; set; }
    public Guid SubjectId { get; set; }
    public string IndicatorKey { get; set; } = "";
    public string Household { get; set; } = "";
    public decimal? Count { get; set; }
    public string? ItemCountsJson { get; set; }
    public string? Note { get; set; }
    public DateTime CheckedAt { get; set; }
    public string CheckedBy { get; set; } = "";
    public int Version { get; set; }
}

/// <summary>
/// A score given by hand (评议打分) for one subject and indicator in a period: a staff member, or a unit in a scheme
/// that scores units (职能部门). The note saying why is mandatory.
/// </summary>
public sealed class ManualScore : IVersioned
{
    public Guid Id { get; set; }
    public Guid SchemeId { get; set; }
    public string PeriodCode { get; set; } = "";
    public FigureSubjectKind SubjectKind { get; set; }
    public Guid SubjectId { get; set; }
    public string IndicatorKey { get; set; } = "";
    public decimal Score { get; set; }
    public string Note { get; set; } = "";
    public DateTime At { get; set; }
    public string By { get; set; } = "";
    public int Version { get; set; }
}

public enum FigureSubjectKind
{
    Staff,
    Unit,
}

/// <summary>A figure imported from a file (CSV or Excel) for a staff member or unit in a period, e.g. grossMargin = 0.12.</summary>
public sealed class ImportedFigure
{
    public Guid Id { get; set; }
    public Guid? SchemeId { get; set; }
    public string PeriodCode { get; set; } = "";
    public FigureSubjectKind SubjectKind { get; set; }
    public Guid SubjectId { get; set; }
    public string Name { get; set; } = "";
    public decimal Value { get; set; }
    public Guid ImportBatchId { get; set; }
    public DateTime ImportedAt { get; set; }
    public string ImportedBy { get; set; } = "";
}

public enum RunStatus
{
    Draft,
    Published,
}

/// <summary>A computation of a scheme version for a period: the inputs it read (snapshot) and what it produced.</summary>
public sealed class EvaluationRun : IVersioned
{
    public Guid Id { get; set; }
    public Guid SchemeId { get; set; }
    public int SchemeNumber { get; set; }
    public string PeriodCode { get; set; } = "";
    public RunStatus Status { get; set; }
    public string InputsJson { get; set; } = "{}";
    public string ResultJson { get; set; } = "{}";
    public DateTime ComputedAt { get; set; }
    public string ComputedBy { get; set; } = "";
    public DateTime? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    public int Version { get; set; }
}

/// <summary>Every state change of a run, with who and when.</summary>
public sealed class RunEvent
{
    public Guid Id { get; set; }
    public Guid RunId { get; set; }
    public string Action { get; set; } = "";
    public string Actor { get; set; } = "";
    public DateTime At { get; set; }
    public string? Note { get; set; }
}
