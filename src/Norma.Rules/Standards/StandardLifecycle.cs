namespace Norma.Rules.Standards;

/// <summary>
/// The stored state of one version of a standard. "实施" (in force) and "被替代" are not stored: they follow from the
/// dates (see <see cref="InForce"/>), so a published version comes into force on its 实施日期 without anyone acting.
/// </summary>
public enum StandardStatus
{
    Draft = 1,          // 起草
    Consultation = 2,   // 征求意见
    Reviewed = 3,       // 审核 (passed)
    Approved = 4,       // 批准
    Published = 5,      // 发布
    Abolished = 6,      // 废止
}

/// <summary>What a person can do to a version.</summary>
public enum StandardAction
{
    StartConsultation,  // 征求意见
    PassReview,         // 审核通过
    Approve,            // 批准
    Publish,            // 发布
    ReturnToDraft,      // 退回修改
    Abolish,            // 废止
    ConfirmReview,      // 复审确认 (still valid)
}

/// <summary>Which permission a step needs. The three match the separation 编制 / 审核 / 批准.</summary>
public enum StandardDuty
{
    Edit,
    Review,
    Approve,
}

public sealed record Transition(StandardAction Action, StandardStatus[] From, StandardStatus To, StandardDuty Duty, bool NeedsComment);

/// <summary>The lifecycle 起草 → 征求意见 → 审核 → 批准 → 发布 → (实施) → 废止, with returns to draft.</summary>
public static class StandardLifecycle
{
    public static readonly IReadOnlyList<Transition> Transitions =
    [
        new(StandardAction.StartConsultation, [StandardStatus.Draft], StandardStatus.Consultation, StandardDuty.Edit, false),
        new(StandardAction.PassReview, [StandardStatus.Draft, StandardStatus.Consultation], StandardStatus.Reviewed, StandardDuty.Review, false),
        new(StandardAction.Approve, [StandardStatus.Reviewed], StandardStatus.Approved, StandardDuty.Approve, false),
        new(StandardAction.Publish, [StandardStatus.Approved], StandardStatus.Published, StandardDuty.Approve, false),
        new(StandardAction.ReturnToDraft, [StandardStatus.Consultation, StandardStatus.Reviewed, StandardStatus.Approved], StandardStatus.Draft, StandardDuty.Review, true),
        new(StandardAction.Abolish, [StandardStatus.Published], StandardStatus.Abolished, StandardDuty.Approve, true),
        new(StandardAction.ConfirmReview, [StandardStatus.Published], StandardStatus.Published, StandardDuty.Review, false),
    ];

    public static Transition Of(StandardAction action) => Transitions.Single(t => t.Action == action);

    /// <summary>The transition, or null when the action is not possible from this status.</summary>
    public static Transition? Find(StandardStatus from, StandardAction action)
    {
        var t = Of(action);
        return t.From.Contains(from) ? t : null;
    }

    public static IEnumerable<StandardAction> Available(StandardStatus from) =>
        Transitions.Where(t => t.From.Contains(from)).Select(t => t.Action);

    /// <summary>Text and metadata can change only before review; from then on a change means returning it to draft.</summary>
    public static bool IsEditable(StandardStatus status) => status is StandardStatus.Draft or StandardStatus.Consultation;
}

/// <summary>Edition and amendment state, e.g. "A/0": edition A, no amendment. An amendment (修改单) gives A/1; a revision (修订) gives B/0.</summary>
public static class Edition
{
    public const string First = "A/0";

    public static bool TryParse(string? text, out char edition, out int amendment)
    {
        edition = default;
        amendment = 0;
        var parts = text?.Split('/');
        return parts is { Length: 2 } && parts[0].Length == 1 && parts[0][0] is >= 'A' and <= 'Z'
               && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out amendment)
               && (edition = parts[0][0]) != default;
    }

    public static string Next(string current, bool newEdition)
    {
        if (!TryParse(current, out var edition, out var amendment))
        {
            throw new ArgumentException($"'{current}' is not an edition like A/0.", nameof(current));
        }

        if (!newEdition)
        {
            return $"{edition}/{amendment + 1}";
        }

        return edition == 'Z' ? throw new ArgumentException("No edition after Z.", nameof(current)) : $"{(char)(edition + 1)}/0";
    }
}

/// <summary>The dates of one version that decide when it is in force.</summary>
public sealed record VersionDates(Guid VersionId, StandardStatus Status, DateOnly? EffectiveOn, DateOnly? AbolishedOn);

public static class InForce
{
    /// <summary>
    /// The version in force on a date: published (or abolished later than that date), effective on or before it,
    /// and the latest such — so a revision takes over on its own 实施日期 and its predecessor stays in force until then.
    /// </summary>
    public static Guid? On(IEnumerable<VersionDates> versions, DateOnly date) =>
        versions
            .Where(v => v.EffectiveOn is { } e && e <= date
                        && (v.Status == StandardStatus.Published || (v.Status == StandardStatus.Abolished && v.AbolishedOn is { } a && a > date)))
            .OrderByDescending(v => v.EffectiveOn)
            .Select(v => (Guid?)v.VersionId)
            .FirstOrDefault();
}

public static class ReviewDue
{
    /// <summary>
    /// The date a standard in force is due for 复审: its review cycle after the later of its 实施日期 and its last
    /// confirmed review. Null when it has no cycle or no effective date.
    /// </summary>
    public static DateOnly? DueOn(DateOnly? effectiveOn, DateOnly? lastReviewedOn, int? cycleMonths)
    {
        if (effectiveOn is not { } effective || cycleMonths is not (> 0 and var months))
        {
            return null;
        }

        var from = lastReviewedOn is { } r && r > effective ? r : effective;
        return from.AddMonths(months);
    }

    /// <summary>Due when the due date is within the warning window (or past).</summary>
    public static bool IsDue(DateOnly? dueOn, DateOnly today, int warnDays = 60) =>
        dueOn is { } d && d <= today.AddDays(warnDays);
}
