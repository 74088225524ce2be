using System.Text.Json;
using Norma.Modules.Organization.Domain;
using Norma.Rules.Cases;
using Norma.Rules.Processes;
using static Norma.UnitTests.Processes.ProcessBuilder;

namespace Norma.UnitTests.Cases;

public class ProcessRunTests
{
    private static ProcessDefinition OneWindow()
    {
        using var stream = typeof(SystemRoles).Assembly.GetManifestResourceStream("Norma.DemoProcesses.json").ShouldNotBeNull();
        using var document = JsonDocument.Parse(stream);
        var item = document.RootElement.EnumerateArray().Single(t => t.GetProperty("code").GetString() == "ONE-WINDOW");
        return ProcessJson.Parse(item.GetProperty("definition").GetRawText()).Definition.ShouldNotBeNull();
    }

    private static void ShouldBe(ProcessState state, string[] active, string[] done, ProcessOutcome outcome)
    {
        state.Active.ShouldBe(active);
        state.Done.ShouldBe(done);
        state.Outcome.ShouldBe(outcome);
    }

    private static string Code(Action action) => Should.Throw<CaseRuleException>(action).Code;

    [Fact]
    public void A_linear_flow_runs_to_finished()
    {
        var flow = Flow(Step("a", "b"), Step("b", "c"), Step("c"));
        var state = ProcessRun.Start(flow);
        ShouldBe(state, ["a"], [], ProcessOutcome.Running);

        state = ProcessRun.Complete(flow, state, "a");
        ShouldBe(state, ["b"], ["a"], ProcessOutcome.Running);
        Code(() => ProcessRun.Complete(flow, state, "c")).ShouldBe("Step.NotActive");
        Code(() => ProcessRun.Complete(flow, state, "nope")).ShouldBe("Step.NotActive");

        state = ProcessRun.Complete(flow, ProcessRun.Complete(flow, state, "b"), "c");
        ShouldBe(state, [], ["a", "b", "c"], ProcessOutcome.Finished);
        Code(() => ProcessRun.Complete(flow, state, "c")).ShouldBe("Process.Ended");

        ProcessRun.Start(Flow()).ShouldBe(ProcessState.Empty);
    }

    [Fact]
    public void The_one_window_flow_runs_three_parallel_approvals_and_joins_after_all_three()
    {
        var flow = OneWindow();
        var state = ProcessRun.Complete(flow, ProcessRun.Start(flow), "accept");
        ShouldBe(state, ["approve-eng", "approve-mkt", "approve-qic"], ["accept"], ProcessOutcome.Running);

        state = ProcessRun.Complete(flow, state, "approve-mkt");
        ShouldBe(state, ["approve-eng", "approve-qic"], ["accept", "approve-mkt"], ProcessOutcome.Running);

        // The second branch done: the join still waits for the third.
        state = ProcessRun.DeemApproved(flow, state, "approve-eng"); // 超时默认 is allowed on the approvals
        ShouldBe(state, ["approve-qic"], ["accept", "approve-mkt", "approve-eng"], ProcessOutcome.Running);
        Code(() => ProcessRun.Complete(flow, state, "issue")).ShouldBe("Step.NotActive");

        state = ProcessRun.Complete(flow, state, "approve-qic");
        ShouldBe(state, ["issue"], ["accept", "approve-mkt", "approve-eng", "approve-qic"], ProcessOutcome.Running);

        state = ProcessRun.Complete(flow, ProcessRun.Complete(flow, state, "issue"), "deliver");
        ShouldBe(state, [], ["accept", "approve-mkt", "approve-eng", "approve-qic", "issue", "deliver"], ProcessOutcome.Finished);
    }

    [Fact]
    public void Returning_to_an_earlier_step_drops_done_after_it_and_the_branches_it_reaches()
    {
        var flow = OneWindow();
        var state = ProcessRun.Complete(flow, ProcessRun.Complete(flow, ProcessRun.Start(flow), "accept"), "approve-mkt");

        // 退件 from the engineering approval to the window: every approval (active or done) is undone.
        state = ProcessRun.Return(flow, state, "approve-eng", "accept");
        ShouldBe(state, ["accept"], [], ProcessOutcome.Running);

        // And the flow runs again from there.
        ShouldBe(ProcessRun.Complete(flow, state, "accept"), ["approve-eng", "approve-mkt", "approve-qic"], ["accept"], ProcessOutcome.Running);
    }

    [Fact]
    public void A_return_inside_one_branch_keeps_the_other_branch()
    {
        // a splits into b1 → b2 and c; j joins b2 and c. b2 may return (to any earlier step).
        var back = new StepOptions(AllowReturn: true);
        var flow = Flow(Step("a", "b1", "c"), Step("b1", "b2"), Step("b2", "j") with { Options = back }, Step("c", "j"), Join("j"));
        var state = ProcessRun.Start(flow);
        foreach (var key in new[] { "a", "b1", "c" })
        {
            state = ProcessRun.Complete(flow, state, key);
        }

        ShouldBe(state, ["b2"], ["a", "b1", "c"], ProcessOutcome.Running);

        // b1 reaches b2 and j, not c: c stays done, b1 leaves Done and is active again.
        state = ProcessRun.Return(flow, state, "b2", "b1");
        ShouldBe(state, ["b1"], ["a", "c"], ProcessOutcome.Running);

        // Not earlier: c is on the other branch; b2 itself is not earlier either.
        state = ProcessRun.Complete(flow, state, "b1");
        Code(() => ProcessRun.Return(flow, state, "b2", "c")).ShouldBe("Step.ReturnNotAllowed");
        Code(() => ProcessRun.Return(flow, state, "b2", "b2")).ShouldBe("Step.ReturnNotAllowed");
        Code(() => ProcessRun.Return(flow, state, "b2", "zz")).ShouldBe("Step.ReturnNotAllowed");
        ShouldBe(ProcessRun.Complete(flow, state, "b2"), ["j"], ["a", "c", "b1", "b2"], ProcessOutcome.Running);
    }

    [Fact]
    public void A_return_the_step_does_not_allow_throws_with_its_code()
    {
        var flow = Flow(Step("a", "b"), Step("b", "c"), Step("c") with { Options = new StepOptions(AllowReturn: true, ReturnTo: ["b"]) });
        var atB = ProcessRun.Complete(flow, ProcessRun.Start(flow), "a");

        // b has no options at all.
        Code(() => ProcessRun.Return(flow, atB, "b", "a")).ShouldBe("Step.ReturnNotAllowed");

        // c allows a return to b only.
        var atC = ProcessRun.Complete(flow, atB, "b");
        Code(() => ProcessRun.Return(flow, atC, "c", "a")).ShouldBe("Step.ReturnNotAllowed");
        ShouldBe(ProcessRun.Return(flow, atC, "c", "b"), ["b"], ["a"], ProcessOutcome.Running);

        // Only from an active step.
        Code(() => ProcessRun.Return(flow, atB, "c", "b")).ShouldBe("Step.NotActive");
    }

    [Fact]
    public void A_rejection_ends_the_process()
    {
        var flow = OneWindow();
        var state = ProcessRun.Complete(flow, ProcessRun.Complete(flow, ProcessRun.Start(flow), "accept"), "approve-eng");

        state = ProcessRun.Reject(flow, state, "approve-qic");
        ShouldBe(state, [], ["accept", "approve-eng"], ProcessOutcome.Rejected);
        Code(() => ProcessRun.Complete(flow, state, "approve-mkt")).ShouldBe("Process.Ended");

        // The window step does not allow rejection.
        Code(() => ProcessRun.Reject(flow, ProcessRun.Start(flow), "accept")).ShouldBe("Step.RejectNotAllowed");
    }

    [Fact]
    public void Deemed_approval_only_where_the_step_allows_it()
    {
        var flow = Flow(Step("a", "b") with { Options = new StepOptions(DeemedApprovedOnTimeout: true) }, Step("b"));
        var state = ProcessRun.DeemApproved(flow, ProcessRun.Start(flow), "a");
        ShouldBe(state, ["b"], ["a"], ProcessOutcome.Running);
        Code(() => ProcessRun.DeemApproved(flow, state, "b")).ShouldBe("Step.NoTimeoutApproval");
        Code(() => ProcessRun.DeemApproved(flow, state, "a")).ShouldBe("Step.NotActive");
    }

    // ---- completion data ----------------------------------------------------------------------------------------

    private static readonly ProcessStep FormStep = Step("s") with
    {
        Form =
        [
            new FormField("note", "备注", FieldType.Text, Required: true),
            new FormField("amount", "金额", FieldType.Number, Required: false),
            new FormField("visit", "上门日期", FieldType.Date, Required: false),
            new FormField("decision", "意见", FieldType.Choice, Required: false, ["同意", "不同意"]),
            new FormField("ok", "合格", FieldType.YesNo, Required: false),
        ],
        SignOffs = ["客户", "质检员"],
    };

    private static List<(string Code, string Subject)> Check(Dictionary<string, string> values, params string[] signOffs) =>
        [.. ProcessRun.CheckCompletion(FormStep, values, signOffs).Select(p => (p.Code, p.Subject))];

    [Fact]
    public void A_complete_step_passes()
    {
        Check(new() { ["note"] = "已完成", ["amount"] = "-12.50", ["visit"] = "2025-03-03", ["decision"] = "同意", ["ok"] = "no" }, "客户", "质检员")
            .ShouldBeEmpty();

        // Optional fields may be left out or blank.
        Check(new() { ["note"] = "x", ["amount"] = " " }, "质检员", "客户").ShouldBeEmpty();
    }

    [Fact]
    public void Every_problem_is_reported_with_its_code_and_subject()
    {
        Check(new(), "客户", "质检员").ShouldBe([("Step.FieldRequired", "note")]);
        Check(new() { ["note"] = "  " }, "客户", "质检员").ShouldBe([("Step.FieldRequired", "note")]);
        Check(new() { ["note"] = "x", ["amount"] = "1,000" }, "客户", "质检员").ShouldBe([("Step.FieldNumber", "amount")]);
        Check(new() { ["note"] = "x", ["amount"] = "1e3" }, "客户", "质检员").ShouldBe([("Step.FieldNumber", "amount")]);
        Check(new() { ["note"] = "x", ["visit"] = "2025-02-30" }, "客户", "质检员").ShouldBe([("Step.FieldDate", "visit")]);
        Check(new() { ["note"] = "x", ["visit"] = "2025/03/03" }, "客户", "质检员").ShouldBe([("Step.FieldDate", "visit")]);
        Check(new() { ["note"] = "x", ["decision"] = "也许" }, "客户", "质检员").ShouldBe([("Step.FieldChoice", "decision")]);
        Check(new() { ["note"] = "x", ["ok"] = "true" }, "客户", "质检员").ShouldBe([("Step.FieldYesNo", "ok")]);
        Check(new() { ["note"] = "x", ["extra"] = "?" }, "客户", "质检员").ShouldBe([("Step.UnknownField", "extra")]);
        Check(new() { ["note"] = "x" }, "客户").ShouldBe([("Step.SignOffMissing", "质检员")]);

        // All at once, in order: form fields, unknown keys, sign-offs.
        Check(new() { ["amount"] = "abc", ["ok"] = "YES", ["Note"] = "x" }).ShouldBe(
        [
            ("Step.FieldRequired", "note"),
            ("Step.FieldNumber", "amount"),
            ("Step.FieldYesNo", "ok"),
            ("Step.UnknownField", "Note"),
            ("Step.SignOffMissing", "客户"),
            ("Step.SignOffMissing", "质检员"),
        ]);
    }
}
