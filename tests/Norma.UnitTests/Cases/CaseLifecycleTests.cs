using Norma.Rules.Cases;

namespace Norma.UnitTests.Cases;

public class CaseLifecycleTests
{
    private static readonly DateTimeOffset ClosedAt = new(2025, 3, 3, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    /// <summary>SPEC §4's table, written out independently of the implementation.</summary>
    private static readonly Dictionary<CaseStatus, CaseAction[]> Table = new()
    {
        [CaseStatus.Open] = [CaseAction.Dispatch, CaseAction.Complete, CaseAction.Close, CaseAction.Cancel, CaseAction.Merge],
        [CaseStatus.Dispatched] = [CaseAction.Dispatch, CaseAction.Take, CaseAction.Decline, CaseAction.Cancel, CaseAction.Merge],
        [CaseStatus.Accepted] = [CaseAction.Dispatch, CaseAction.CheckIn, CaseAction.Complete, CaseAction.Decline, CaseAction.Cancel],
        [CaseStatus.OnSite] = [CaseAction.Complete],
        [CaseStatus.Completed] = [CaseAction.Close, CaseAction.Reopen],
        [CaseStatus.Closed] = [CaseAction.Reopen],
        [CaseStatus.Cancelled] = [],
        [CaseStatus.Merged] = [],
    };

    private static readonly Dictionary<CaseAction, CaseStatus> Targets = new()
    {
        [CaseAction.Dispatch] = CaseStatus.Dispatched,
        [CaseAction.Take] = CaseStatus.Accepted,
        [CaseAction.Decline] = CaseStatus.Open,
        [CaseAction.CheckIn] = CaseStatus.OnSite,
        [CaseAction.Complete] = CaseStatus.Completed,
        [CaseAction.Close] = CaseStatus.Closed,
        [CaseAction.Reopen] = CaseStatus.Open,
        [CaseAction.Cancel] = CaseStatus.Cancelled,
        [CaseAction.Merge] = CaseStatus.Merged,
    };

    /// <summary>Every (status, action) pair: 8 × 9 = 72 cases.</summary>
    public static TheoryData<CaseStatus, CaseAction, bool> AllPairs()
    {
        var data = new TheoryData<CaseStatus, CaseAction, bool>();
        foreach (var status in Enum.GetValues<CaseStatus>())
        {
            foreach (var action in Enum.GetValues<CaseAction>())
            {
                data.Add(status, action, Table[status].Contains(action));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Every_pair_of_the_table_is_allowed_or_forbidden(CaseStatus status, CaseAction action, bool allowed)
    {
        CaseLifecycle.Allows(status, action).ShouldBe(allowed);
        var now = ClosedAt.AddDays(1);
        if (allowed)
        {
            CaseLifecycle.Apply(status, action, paused: false, now, ClosedAt, Week).ShouldBe(Targets[action]);
            CaseLifecycle.After(status, action).ShouldBe(Targets[action]);
        }
        else
        {
            Should.Throw<CaseRuleException>(() => CaseLifecycle.Apply(status, action, paused: false, now, ClosedAt, Week))
                .Code.ShouldBe("Case.NotAllowed");
        }
    }

    [Fact]
    public void The_table_has_the_expected_size()
    {
        AllPairs().Count.ShouldBe(72);
        AllPairs().Count(row => (bool)row[2]).ShouldBe(19); // 5 + 5 + 5 + 1 + 2 + 1
    }

    [Fact]
    public void A_paused_case_refuses_everything_but_cancel_and_merge()
    {
        var now = ClosedAt;
        Should.Throw<CaseRuleException>(() => CaseLifecycle.Apply(CaseStatus.Dispatched, CaseAction.Take, paused: true, now))
            .Code.ShouldBe("Case.Paused");
        Should.Throw<CaseRuleException>(() => CaseLifecycle.Apply(CaseStatus.Open, CaseAction.Dispatch, paused: true, now))
            .Code.ShouldBe("Case.Paused");
        Should.Throw<CaseRuleException>(() => CaseLifecycle.Apply(CaseStatus.OnSite, CaseAction.Complete, paused: true, now))
            .Code.ShouldBe("Case.Paused");
        CaseLifecycle.Apply(CaseStatus.Accepted, CaseAction.Cancel, paused: true, now).ShouldBe(CaseStatus.Cancelled);
        CaseLifecycle.Apply(CaseStatus.Dispatched, CaseAction.Merge, paused: true, now).ShouldBe(CaseStatus.Merged);

        // The table is checked first: merging an Accepted case is forbidden, paused or not.
        Should.Throw<CaseRuleException>(() => CaseLifecycle.Apply(CaseStatus.Accepted, CaseAction.Merge, paused: true, now))
            .Code.ShouldBe("Case.NotAllowed");
    }

    [Fact]
    public void A_closed_case_reopens_until_the_end_of_the_window_inclusive()
    {
        // Closed Mon 2025-03-03 10:00 (+08), 7-day natural window → last moment Mon 2025-03-10 10:00.
        var edge = new DateTimeOffset(2025, 3, 10, 10, 0, 0, TimeSpan.FromHours(8));
        CaseLifecycle.Apply(CaseStatus.Closed, CaseAction.Reopen, false, edge, ClosedAt, Week).ShouldBe(CaseStatus.Open);

        // The same edge given in UTC (02:00Z) is the same instant.
        CaseLifecycle.Apply(CaseStatus.Closed, CaseAction.Reopen, false, edge.ToUniversalTime(), ClosedAt, Week).ShouldBe(CaseStatus.Open);

        var ex = Should.Throw<CaseRuleException>(() =>
            CaseLifecycle.Apply(CaseStatus.Closed, CaseAction.Reopen, false, edge.AddMinutes(1), ClosedAt, Week));
        ex.Code.ShouldBe("Case.ReopenWindowPassed");

        // A completed case the customer did not accept has no window; without a window a closed case always reopens.
        CaseLifecycle.Apply(CaseStatus.Completed, CaseAction.Reopen, false, edge.AddYears(1), ClosedAt, Week).ShouldBe(CaseStatus.Open);
        CaseLifecycle.Apply(CaseStatus.Closed, CaseAction.Reopen, false, edge.AddYears(1)).ShouldBe(CaseStatus.Open);

        // A window reaching past the end of time does not overflow.
        CaseLifecycle.Apply(CaseStatus.Closed, CaseAction.Reopen, false, edge, ClosedAt, TimeSpan.MaxValue).ShouldBe(CaseStatus.Open);
    }

    [Fact]
    public void Open_and_pausable_statuses()
    {
        Enum.GetValues<CaseStatus>().Where(CaseLifecycle.CanPause)
            .ShouldBe([CaseStatus.Open, CaseStatus.Dispatched, CaseStatus.Accepted, CaseStatus.OnSite]);
        Enum.GetValues<CaseStatus>().Where(CaseLifecycle.IsOpen)
            .ShouldBe([CaseStatus.Open, CaseStatus.Dispatched, CaseStatus.Accepted, CaseStatus.OnSite, CaseStatus.Completed]);
    }
}
