using Norma.Rules.Standards;

namespace Norma.UnitTests.Standards;

public class StandardLifecycleTests
{
    [Fact]
    public void The_happy_path_runs_draft_to_published_with_the_right_duties()
    {
        var s = StandardStatus.Draft;
        var steps = new[] { StandardAction.StartConsultation, StandardAction.PassReview, StandardAction.Approve, StandardAction.Publish };
        var duties = new List<StandardDuty>();
        foreach (var action in steps)
        {
            var t = StandardLifecycle.Find(s, action).ShouldNotBeNull();
            duties.Add(t.Duty);
            s = t.To;
        }

        s.ShouldBe(StandardStatus.Published);
        duties.ShouldBe([StandardDuty.Edit, StandardDuty.Review, StandardDuty.Approve, StandardDuty.Approve]);
    }

    [Theory]
    [InlineData(StandardStatus.Draft, StandardAction.Publish)]
    [InlineData(StandardStatus.Draft, StandardAction.Approve)]
    [InlineData(StandardStatus.Consultation, StandardAction.Approve)]
    [InlineData(StandardStatus.Published, StandardAction.PassReview)]
    [InlineData(StandardStatus.Abolished, StandardAction.Publish)]
    [InlineData(StandardStatus.Abolished, StandardAction.ReturnToDraft)]
    public void Steps_cannot_be_skipped_or_undone(StandardStatus from, StandardAction action) =>
        StandardLifecycle.Find(from, action).ShouldBeNull();

    [Fact]
    public void Returning_and_abolishing_need_a_comment_and_only_drafts_are_editable()
    {
        StandardLifecycle.Of(StandardAction.ReturnToDraft).NeedsComment.ShouldBeTrue();
        StandardLifecycle.Of(StandardAction.Abolish).NeedsComment.ShouldBeTrue();
        StandardLifecycle.Of(StandardAction.Publish).NeedsComment.ShouldBeFalse();
        Enum.GetValues<StandardStatus>().Where(StandardLifecycle.IsEditable).ShouldBe([StandardStatus.Draft, StandardStatus.Consultation]);
        StandardLifecycle.Available(StandardStatus.Published).ShouldBe([StandardAction.Abolish, StandardAction.ConfirmReview], ignoreOrder: true);
    }
}

public class EditionTests
{
    [Theory]
    [InlineData("A/0", false, "A/1")]
    [InlineData("A/1", false, "A/2")]
    [InlineData("A/3", true, "B/0")]
    [InlineData("B/0", true, "C/0")]
    public void Amendments_count_up_and_revisions_start_a_new_edition(string current, bool newEdition, string expected) =>
        Edition.Next(current, newEdition).ShouldBe(expected);

    [Theory]
    [InlineData("A")]
    [InlineData("a/0")]
    [InlineData("A/x")]
    [InlineData("AB/0")]
    [InlineData("")]
    public void Malformed_editions_are_rejected(string text)
    {
        Edition.TryParse(text, out _, out _).ShouldBeFalse();
        Should.Throw<ArgumentException>(() => Edition.Next(text, false));
    }
}

public class InForceTests
{
    private static readonly Guid A0 = Guid.NewGuid();
    private static readonly Guid B0 = Guid.NewGuid();

    // A/0 in force since 2008-01-01; B/0 published, effective 2025-07-01; draft C/0 has a date but is not published.
    private static readonly VersionDates[] Revised =
    [
        new(A0, StandardStatus.Published, new DateOnly(2008, 1, 1), null),
        new(B0, StandardStatus.Published, new DateOnly(2025, 7, 1), null),
        new(Guid.NewGuid(), StandardStatus.Draft, new DateOnly(2025, 1, 1), null),
    ];

    [Fact]
    public void The_old_version_stays_in_force_until_the_revision_takes_effect()
    {
        InForce.On(Revised, new DateOnly(2007, 12, 31)).ShouldBeNull();
        InForce.On(Revised, new DateOnly(2008, 1, 1)).ShouldBe(A0);
        InForce.On(Revised, new DateOnly(2025, 6, 30)).ShouldBe(A0);
        InForce.On(Revised, new DateOnly(2025, 7, 1)).ShouldBe(B0);
    }

    [Fact]
    public void An_abolished_version_is_in_force_only_before_its_abolition_date()
    {
        var v = new[] { new VersionDates(A0, StandardStatus.Abolished, new DateOnly(2020, 1, 1), new DateOnly(2024, 3, 1)) };
        InForce.On(v, new DateOnly(2024, 2, 29)).ShouldBe(A0);
        InForce.On(v, new DateOnly(2024, 3, 1)).ShouldBeNull();
    }
}

public class ReviewDueTests
{
    [Fact]
    public void Review_falls_due_one_cycle_after_the_later_of_effect_and_last_review()
    {
        ReviewDue.DueOn(new DateOnly(2022, 3, 1), null, 36).ShouldBe(new DateOnly(2025, 3, 1));
        ReviewDue.DueOn(new DateOnly(2022, 3, 1), new DateOnly(2025, 2, 10), 36).ShouldBe(new DateOnly(2028, 2, 10));
        ReviewDue.DueOn(new DateOnly(2022, 3, 1), null, null).ShouldBeNull();
        ReviewDue.DueOn(null, null, 36).ShouldBeNull();
    }

    [Fact]
    public void Due_means_within_the_warning_window_or_past()
    {
        var today = new DateOnly(2026, 11, 23);
        ReviewDue.IsDue(new DateOnly(2027, 1, 22), today).ShouldBeTrue();   // 60 days ahead
        ReviewDue.IsDue(new DateOnly(2027, 1, 23), today).ShouldBeFalse();  // 61 days ahead
        ReviewDue.IsDue(new DateOnly(2025, 3, 1), today).ShouldBeTrue();
        ReviewDue.IsDue(null, today).ShouldBeFalse();
    }
}
