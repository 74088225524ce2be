namespace Norma.Modules.Evaluation.Contracts;

/// <summary>Whom a figure is about: a staff member (account id) or a unit (unit id).</summary>
public enum MetricSubjectKind
{
    Staff,
    Unit,
}

/// <summary>A staff member or unit an evaluation run wants figures for.</summary>
public readonly record struct MetricSubject(MetricSubjectKind Kind, Guid Id);

/// <summary>One figure a source provides under a data-source key, e.g. "met" and "due" under "cases.on-time.resolution".</summary>
public sealed record MetricFigureInfo(string Name, string NameZh, string NameEn);

/// <summary>A data-source key a scheme's indicator may name in its <c>source</c>, and the figures its rules may use.</summary>
public sealed record MetricSourceInfo(string Key, string NameZh, string NameEn, IReadOnlyList<MetricFigureInfo> Figures);

/// <summary>
/// The extension point through which capabilities feed the evaluation engine without it knowing them: each registers
/// an implementation (as <c>IEvaluationMetricSource</c>, several allowed) answering some data-source keys ("cases.…",
/// later "complaints.…", "inspections.…"). A run asks once per key for all its subjects, for one period
/// <c>[FromUtc, ToUtc)</c>, so a source answers with one grouped query, not one per person.
/// </summary>
public interface IEvaluationMetricSource
{
    /// <summary>The keys this source answers, with the figures each provides.</summary>
    IReadOnlyList<MetricSourceInfo> Sources { get; }

    /// <summary>
    /// Per subject, the figures of <paramref name="sourceKey"/> over the period. A subject with no activity gets its
    /// figures as zeros (so "no cases" reads as a zero denominator, which the scheme's rule decides about), never a gap.
    /// </summary>
    Task<IReadOnlyDictionary<MetricSubject, IReadOnlyDictionary<string, decimal>>> ReadAsync(
        string sourceKey, DateTime fromUtc, DateTime toUtc, IReadOnlyCollection<MetricSubject> subjects, CancellationToken ct);
}
