using System.Text.Json;
using Norma.Rules.Calendars;
using Norma.Rules.Processes;
using static Norma.UnitTests.Processes.ProcessBuilder;

namespace Norma.UnitTests.Processes;

public class ProcessJsonTests
{
    private static ProcessDefinition Rich() => Flow(
        Step("accept", "dept-a", "dept-b") with
        {
            Name = "前台综合受理",
            TimeLimit = new TimeLimit(30, LimitUnit.Minutes, TimeBasis.Working),
            Checklist = ["一次性告知所需材料"],
            Description = "照单收件 <&>",
        },
        Step("dept-a", "issue") with
        {
            Assignee = new StepAssignee(AssigneeKind.Unit, "ENG-R1"),
            TimeLimit = new TimeLimit(3, LimitUnit.Days, TimeBasis.Working),
            Options = new StepOptions(AllowReturn: true, ReturnTo: ["accept"], AllowReject: true, DeemedApprovedOnTimeout: true),
        },
        Step("dept-b", "issue") with
        {
            TimeLimit = new TimeLimit(48, LimitUnit.Hours, TimeBasis.Natural),
            Form = [new FormField("result", "审批结果", FieldType.Choice, true, ["同意", "不同意"]), new FormField("note", "意见", FieldType.LongText, false)],
        },
        Join("issue") with { TimeLimit = null, SignOffs = ["申请人"], Options = new StepOptions(CompletionNotice: true) });

    [Fact]
    public void The_format_is_camel_case_with_compact_limits_and_without_nulls_or_defaults()
    {
        var json = ProcessJson.Serialize(Rich());
        json.ShouldStartWith("{\"steps\":[{\"key\":\"accept\",\"name\":\"前台综合受理\",\"assignee\":{\"kind\":\"role\",\"code\":\"FrontDesk\"},\"timeLimit\":\"30wmin\",\"next\":[\"dept-a\",\"dept-b\"]");
        json.ShouldContain("\"kind\":\"unit\",\"code\":\"ENG-R1\"");
        json.ShouldContain("\"timeLimit\":\"3wd\"");
        json.ShouldContain("\"timeLimit\":\"48h\"");
        json.ShouldContain("\"type\":\"choice\",\"required\":true,\"options\":[\"同意\",\"不同意\"]");
        json.ShouldContain("{\"key\":\"note\",\"label\":\"意见\",\"type\":\"longText\"}");
        json.ShouldContain("\"options\":{\"completionNotice\":true}");
        json.ShouldContain("\"join\":true");
        json.ShouldContain("\\u003C\\u0026\\u003E");
        json.ShouldNotContain("null");
        json.ShouldNotContain("false");
    }

    [Fact]
    public void A_definition_round_trips_through_parse_and_through_the_plain_serializer()
    {
        var json = ProcessJson.Serialize(Rich(), indented: true);
        var parsed = ProcessJson.Parse(json);
        parsed.Problems.ShouldBeEmpty();
        parsed.Succeeded.ShouldBeTrue();
        ProcessJson.Serialize(parsed.Definition!, indented: true).ShouldBe(json);

        var viaSerializer = JsonSerializer.Deserialize<ProcessDefinition>(json, ProcessJson.Options).ShouldNotBeNull();
        ProcessJson.Serialize(viaSerializer, indented: true).ShouldBe(json);
        viaSerializer.Steps[1].TimeLimit.ShouldBe(new TimeLimit(3, LimitUnit.Days, TimeBasis.Working));
        viaSerializer.Steps[1].Options!.ReturnTo.ShouldBe(["accept"]);
        ProcessValidator.Validate(viaSerializer, Context).ShouldBeEmpty();
    }

    [Fact]
    public void Next_may_be_left_out_on_an_end_step_and_enums_are_read_case_insensitively()
    {
        var result = ProcessJson.Parse("""{"steps":[{"key":"a","name":"受理","assignee":{"kind":"Role","code":"FrontDesk"}}]}""");
        result.Problems.ShouldBeEmpty();
        result.Definition!.Steps[0].Next.ShouldBeEmpty();
        result.Definition.Steps[0].Assignee.Kind.ShouldBe(AssigneeKind.Role);
    }

    [Fact]
    public void A_syntax_error_is_located_by_line_and_character_column()
    {
        // Line 3: the bad token x sits after two Chinese characters, which take 3 bytes each in UTF-8.
        var json = "{\n  \"steps\": [\n    {\"name\": \"受理\", \"key\": x}\n  ]\n}";
        var result = ProcessJson.Parse(json);
        result.Succeeded.ShouldBeFalse();
        var problem = result.Problems.ShouldHaveSingleItem();
        problem.Code.ShouldBe(ProcessJson.Codes.Syntax);
        problem.Line.ShouldBe(3);
        problem.Column.ShouldBe(27);
        json.Split('\n')[2][problem.Column - 1].ShouldBe('x');
        problem.Message.ShouldStartWith("JSON 语法错误");
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[1,")]
    [InlineData(null)]
    public void Broken_text_never_throws(string? json)
    {
        var result = ProcessJson.Parse(json);
        result.Succeeded.ShouldBeFalse();
        result.Problems.ShouldHaveSingleItem().Code.ShouldBe(ProcessJson.Codes.Syntax);
    }

    [Fact]
    public void Every_shape_problem_is_reported_with_its_path_and_position()
    {
        var json = """
            {
              "steps": [
                { "key": "a", "name": "受理", "assignee": { "kind": "role", "code": "FrontDesk" }, "timeLimit": "3x", "next": ["b"] },
                { "key": "b", "assignee": { "kind": "boss", "code": "X" }, "nxt": [], "join": "yes" },
                { "key": "c", "name": "归档", "assignee": { "kind": "unit", "code": "ENG" }, "form": [{ "key": "f", "label": "类型", "type": "choice", "options": "甲" }] },
                42
              ]
            }
            """;
        var result = ProcessJson.Parse(json);
        result.Succeeded.ShouldBeFalse();
        result.Problems.Select(p => (p.Code, p.Path, p.Line, p.Column)).ShouldBe(
        [
            (ProcessJson.Codes.InvalidValue, "$.steps[0].timeLimit", 3, 86),
            (ProcessJson.Codes.UnknownProperty, "$.steps[1].nxt", 4, 64),
            (ProcessJson.Codes.MissingProperty, "$.steps[1].name", 4, 5),
            (ProcessJson.Codes.InvalidValue, "$.steps[1].assignee.kind", 4, 33),
            (ProcessJson.Codes.WrongType, "$.steps[1].join", 4, 75),
            (ProcessJson.Codes.WrongType, "$.steps[2].form[0].options", 5, 136),
            (ProcessJson.Codes.WrongType, "$.steps[3]", 6, 5),
        ]);
        result.Problems[0].Message.ShouldContain("无法识别的时限 \"3x\"");
        result.Problems[3].Message.ShouldContain("\"role\"、\"unit\"");
        Should.Throw<FormatException>(() => ProcessJson.Deserialize(json)).Message.ShouldContain("$.steps[0].timeLimit (第 3 行第 86 列)");
    }

    [Fact]
    public void Duplicate_properties_and_a_missing_steps_array_are_reported()
    {
        ProcessJson.Parse("""{"steps":[{"key":"a","key":"b","name":"x","assignee":{"kind":"role","code":"R"}}]}""")
            .Problems.ShouldHaveSingleItem().Path.ShouldBe("$.steps[0].key");
        var missing = ProcessJson.Parse("{}").Problems.ShouldHaveSingleItem();
        (missing.Code, missing.Path, missing.Line, missing.Column).ShouldBe((ProcessJson.Codes.MissingProperty, "$.steps", 1, 1));
        ProcessJson.Parse("""{"steps":[],"x y":1}""").Problems.ShouldHaveSingleItem().Path.ShouldBe("$['x y']");
    }

    [Fact]
    public void The_plain_serializer_rejects_what_parse_rejects()
    {
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<ProcessDefinition>("""{"steps":[{"key":"a","name":"x","assignee":{"kind":"role","code":"R"},"next":[],"timeLimit":"3x"}]}""", ProcessJson.Options));
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<ProcessDefinition>("""{"steps":[{"key":"a","assignee":{"kind":"role","code":"R"},"next":[]}]}""", ProcessJson.Options));
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<ProcessDefinition>("""{"steps":[{"key":"a","name":"x","assignee":{"kind":1,"code":"R"},"next":[]}]}""", ProcessJson.Options));
    }
}
