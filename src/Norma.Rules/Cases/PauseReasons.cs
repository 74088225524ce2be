namespace Norma.Rules.Cases;

/// <summary>Why a case is paused (挂起). The administrative ones are the periods 行政许可法 §45 excludes from the time limit.</summary>
public enum PauseReason
{
    /// <summary>等待客户 (not at home, to confirm a time, to provide information).</summary>
    WaitingForCustomer = 1,

    /// <summary>等待备件.</summary>
    WaitingForParts = 2,

    /// <summary>补正材料 (§32: the applicant completes the materials).</summary>
    Supplement = 3,

    /// <summary>听证 (§45).</summary>
    Hearing = 4,

    /// <summary>检验、检测、检疫 (§45).</summary>
    Testing = 5,

    /// <summary>鉴定 (§45).</summary>
    Appraisal = 6,

    /// <summary>专家评审 (§45).</summary>
    ExpertReview = 7,

    /// <summary>其他 (needs a note).</summary>
    Other = 8,
}

/// <summary>What a pause reason means for the clocks and the record it needs.</summary>
public static class PauseRules
{
    /// <summary>The §45 reasons (and 补正材料): the applicant must be told in writing, and the date recorded.</summary>
    public static bool IsStatutory(PauseReason reason) => reason is PauseReason.Supplement or PauseReason.Hearing
        or PauseReason.Testing or PauseReason.Appraisal or PauseReason.ExpertReview;

    /// <summary>
    /// Whether a pause for this reason stops a clock of this metric. Waiting for parts stops only what the parts hold up
    /// (resolution and custom milestones); the others stop every clock.
    /// </summary>
    public static bool Stops(PauseReason reason, ClockMetric metric) =>
        reason != PauseReason.WaitingForParts || metric is ClockMetric.Resolution or ClockMetric.Custom;
}

/// <summary>Mirror of the catalog's commitment metric, kept here so the rules stay dependency-free.</summary>
public enum ClockMetric
{
    FirstResponse = 1,
    Arrival = 2,
    Reply = 3,
    Resolution = 4,
    Custom = 5,
}
