using Norma.Rules.Calendars;
using Norma.Rules.Processes;
using static Norma.UnitTests.Processes.ProcessBuilder;
using C = Norma.Rules.Processes.ProcessProblemCodes;

namespace Norma.UnitTests.Processes;

public class ProcessValidatorTests
{
    private static ProcessDefinition Linear(params ProcessStep[] tail) =>
        Flow([Step("a", "b"), .. tail]);

    [Fact]
    public void A_three_step_flow_with_a_parallel_branch_is_valid()
    {
        // a starts b and c at once; c waits for a and b.
        var flow = Flow(Step("a", "b", "c"), Step("b", "c"), Join("c"));
        Problems(flow).ShouldBeEmpty();
    }

    [Fact]
    public void A_diamond_with_nested_splits_is_valid()
    {
        var flow = Flow(
            Step("start", "x", "y"),
            Step("x", "x1", "x2"),
            Step("x1", "xj"),
            Step("x2", "xj"),
            Join("xj", "end"),
            Step("y", "end"),
            Join("end"));
        Problems(flow).ShouldBeEmpty();
    }

    [Fact]
    public void No_steps()
    {
        Problems(Flow()).ShouldBe([(C.NoSteps, null)]);
        ProcessValidator.Validate(Flow(), Context).Single().Message.ShouldBe("流程至少需要一个步骤");
    }

    [Fact]
    public void Empty_key() => Problems(Flow(Step("a", ""), Step(""))).ShouldBe([(C.EmptyKey, "")]);

    [Theory]
    [InlineData("A")]
    [InlineData("a_b")]
    [InlineData("-a")]
    [InlineData("受理")]
    [InlineData("a1234567890123456789012345678901234567890")]
    public void Invalid_key(string key) => Problems(Flow(Step("a", key), Step(key))).ShouldBe([(C.InvalidKey, key)]);

    [Theory]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("step-01")]
    [InlineData("a123456789012345678901234567890123456789")]
    public void Valid_keys(string key) => ProcessValidator.IsValidStepKey(key).ShouldBeTrue();

    [Fact]
    public void Duplicate_key_is_reported_on_the_second_step_which_no_edge_can_reach()
    {
        Problems(Flow(Step("a", "b"), Step("b"), Step("b"))).ShouldBe([(C.DuplicateKey, "b"), (C.UnreachableStep, "b")]);
    }

    [Fact]
    public void Empty_name() => Problems(Linear(Step("b") with { Name = " " })).ShouldBe([(C.EmptyName, "b")]);

    [Fact]
    public void Missing_assignee() =>
        Problems(Linear(Step("b") with { Assignee = new StepAssignee(AssigneeKind.Unit, "") })).ShouldBe([(C.MissingAssignee, "b")]);

    [Fact]
    public void Unknown_role_and_unit()
    {
        Problems(Linear(Step("b") with { Assignee = new StepAssignee(AssigneeKind.Role, "Janitor") })).ShouldBe([(C.UnknownRole, "b")]);
        Problems(Linear(Step("b") with { Assignee = new StepAssignee(AssigneeKind.Unit, "FrontDesk") })).ShouldBe([(C.UnknownUnit, "b")]);
        Problems(Linear(Step("b") with { Assignee = new StepAssignee(AssigneeKind.Unit, "ENG-R1") })).ShouldBeEmpty();
    }

    [Fact]
    public void Role_lookup_follows_the_context_comparer()
    {
        var lenient = new ProcessContext(new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "FRONTDESK" }, new HashSet<string>());
        ProcessValidator.Validate(Flow(Step("a")), lenient).ShouldBeEmpty();
    }

    [Fact]
    public void Non_positive_time_limit() =>
        Problems(Linear(Step("b") with { TimeLimit = new TimeLimit(0, LimitUnit.Hours, TimeBasis.Natural) })).ShouldBe([(C.NonPositiveTimeLimit, "b")]);

    [Fact]
    public void Deemed_approved_on_timeout_needs_a_time_limit()
    {
        var deemed = new StepOptions(DeemedApprovedOnTimeout: true);
        Problems(Linear(Step("b") with { TimeLimit = null, Options = deemed })).ShouldBe([(C.TimeoutWithoutLimit, "b")]);
        Problems(Linear(Step("b") with { Options = deemed })).ShouldBeEmpty();
    }

    [Fact]
    public void Unknown_next() => Problems(Flow(Step("a", "b", "x"), Step("b"))).ShouldBe([(C.UnknownNext, "a")]);

    [Fact]
    public void Self_loop() => Problems(Flow(Step("a", "a", "b"), Step("b"))).ShouldBe([(C.SelfLoop, "a")]);

    [Fact]
    public void Duplicate_next() => Problems(Flow(Step("a", "b", "b"), Step("b"))).ShouldBe([(C.DuplicateNext, "a")]);

    [Fact]
    public void Join_without_branches() => Problems(Flow(Step("a", "b"), Join("b"))).ShouldBe([(C.JoinWithoutBranches, "b")]);

    [Fact]
    public void Several_incoming_edges_need_a_join() =>
        Problems(Flow(Step("a", "b", "c"), Step("b", "d"), Step("c", "d"), Step("d"))).ShouldBe([(C.AmbiguousMerge, "d")]);

    [Fact]
    public void Branches_that_end_separately_are_an_unclosed_split() =>
        Problems(Flow(Step("a", "b", "c"), Step("b"), Step("c"))).ShouldBe([(C.UnclosedSplit, "a")]);

    [Fact]
    public void A_branch_that_bypasses_the_join_leaves_the_split_unclosed() =>
        Problems(Flow(Step("a", "b", "c", "e"), Step("b", "d"), Step("c", "d"), Join("d"), Step("e"))).ShouldBe([(C.UnclosedSplit, "a")]);

    [Fact]
    public void A_branch_that_splits_off_again_and_ends_leaves_both_splits_unclosed() =>
        Problems(Flow(Step("a", "b", "c"), Step("b", "d"), Step("c", "d", "e"), Join("d"), Step("e")))
            .ShouldBe([(C.UnclosedSplit, "a"), (C.UnclosedSplit, "c")]);

    [Fact]
    public void Return_targets_need_allow_return()
    {
        var returns = new StepOptions(ReturnTo: ["a"]);
        Problems(Linear(Step("b") with { Options = returns })).ShouldBe([(C.ReturnWithoutAllow, "b")]);
        Problems(Linear(Step("b") with { Options = returns with { AllowReturn = true } })).ShouldBeEmpty();
    }

    [Fact]
    public void Unknown_return_target() =>
        Problems(Linear(Step("b") with { Options = new StepOptions(AllowReturn: true, ReturnTo: ["zz"]) })).ShouldBe([(C.UnknownReturnTarget, "b")]);

    [Fact]
    public void Returns_go_only_to_earlier_steps()
    {
        var later = Flow(Step("a", "b"), Step("b", "c") with { Options = new StepOptions(AllowReturn: true, ReturnTo: ["c"]) }, Step("c"));
        Problems(later).ShouldBe([(C.ReturnNotEarlier, "b")]);

        var itself = Flow(Step("a", "b"), Step("b") with { Options = new StepOptions(AllowReturn: true, ReturnTo: ["b"]) });
        Problems(itself).ShouldBe([(C.ReturnNotEarlier, "b")]);

        // A parallel sibling is not earlier: neither can reach the other.
        var sibling = Flow(Step("a", "b", "c"), Step("b", "d") with { Options = new StepOptions(AllowReturn: true, ReturnTo: ["c"]) }, Step("c", "d"), Join("d"));
        Problems(sibling).ShouldBe([(C.ReturnNotEarlier, "b")]);

        var beforeTheSplit = Flow(Step("a", "b", "c"), Step("b", "d") with { Options = new StepOptions(AllowReturn: true, ReturnTo: ["a"]) }, Step("c", "d"), Join("d"));
        Problems(beforeTheSplit).ShouldBeEmpty();
    }

    [Fact]
    public void The_first_step_has_nothing_to_return_to()
    {
        Problems(Flow(Step("a", "b") with { Options = new StepOptions(AllowReturn: true) }, Step("b"))).ShouldBe([(C.ReturnWithoutTarget, "a")]);
        Problems(Linear(Step("b") with { Options = new StepOptions(AllowReturn: true) })).ShouldBeEmpty();
    }

    [Fact]
    public void Form_field_rules()
    {
        static ProcessDefinition WithForm(params FormField[] form) => Linear(Step("b") with { Form = form });

        Problems(WithForm(new FormField("1st", "第一", FieldType.Text, false))).ShouldBe([(C.InvalidFieldKey, "b")]);
        Problems(WithForm(new FormField("x", "甲", FieldType.Text, false), new FormField("X", "乙", FieldType.Number, true))).ShouldBe([(C.DuplicateFieldKey, "b")]);
        Problems(WithForm(new FormField("x", "", FieldType.Text, false))).ShouldBe([(C.EmptyFieldLabel, "b")]);
        Problems(WithForm(new FormField("x", "类型", FieldType.Choice, true))).ShouldBe([(C.ChoiceWithoutOptions, "b")]);
        Problems(WithForm(new FormField("x", "类型", FieldType.Choice, true, []))).ShouldBe([(C.ChoiceWithoutOptions, "b")]);
        Problems(WithForm(new FormField("x", "类型", FieldType.Choice, true, ["甲", "甲"]))).ShouldBe([(C.DuplicateChoiceOption, "b")]);
        Problems(WithForm(new FormField("x", "说明", FieldType.LongText, true, ["甲"]))).ShouldBe([(C.OptionsOnNonChoice, "b")]);
        Problems(WithForm(new FormField("fault-type", "故障类型", FieldType.Choice, true, ["漏气", "点火"]), new FormField("minutes_used", "用时", FieldType.Number, false))).ShouldBeEmpty();
    }

    [Fact]
    public void Blank_checklist_items_and_sign_offs()
    {
        Problems(Linear(Step("b") with { Checklist = ["查看现场", " "] })).ShouldBe([(C.BlankChecklistItem, "b")]);
        Problems(Linear(Step("b") with { SignOffs = ["客户", ""] })).ShouldBe([(C.BlankSignOff, "b")]);
    }

    [Fact]
    public void Unreachable_step() => Problems(Flow(Step("a", "b"), Step("b"), Step("c"))).ShouldBe([(C.UnreachableStep, "c")]);

    [Fact]
    public void Cycle_is_reported_once_on_its_first_step()
    {
        Problems(Flow(Step("a", "b"), Step("b", "a", "c"), Step("c"))).ShouldBe([(C.Cycle, "a")]);
        var problem = ProcessValidator.Validate(Flow(Step("a", "b"), Step("b", "a", "c"), Step("c")), Context).Single();
        problem.Message.ShouldContain("步骤a、步骤b");
    }

    [Fact]
    public void A_flow_where_every_step_has_a_next_step_has_no_end() =>
        Problems(Flow(Step("a", "b"), Step("b", "a"))).ShouldBe([(C.Cycle, "a"), (C.NoEndStep, null)]);

    [Fact]
    public void Problems_come_step_by_step_in_a_fixed_order()
    {
        var flow = Flow(
            Step("a", "b", "q") with { Name = "" },
            Step("b", "c") with { Assignee = new StepAssignee(AssigneeKind.Role, "Nobody"), Checklist = [""] },
            Step("c", "b"),
            Step("Z"));
        var expected = new List<(string, string?)>
        {
            (C.EmptyName, "a"), (C.UnknownNext, "a"),
            (C.UnknownRole, "b"), (C.AmbiguousMerge, "b"), (C.BlankChecklistItem, "b"),
            (C.InvalidKey, "Z"), (C.UnreachableStep, "Z"),
            (C.Cycle, "b"),
        };
        Problems(flow).ShouldBe(expected);
        Problems(flow).ShouldBe(Problems(flow));
    }

    [Fact]
    public void Messages_are_chinese_and_name_the_step()
    {
        var message = ProcessValidator.Validate(Flow(Step("a", "b"), Join("b") with { Name = "统一出证" }), Context).Single().Message;
        message.ShouldContain("“统一出证”");
        message.ShouldContain("汇合");
    }

    [Fact]
    public void A_long_chain_does_not_overflow()
    {
        var steps = Enumerable.Range(0, 5000).Select(i => Step($"s{i}", i < 4999 ? [$"s{i + 1}"] : [])).ToArray();
        Problems(Flow(steps)).ShouldBeEmpty();
    }
}
