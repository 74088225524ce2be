using Norma.Rules.Evaluation;
using static Norma.UnitTests.Evaluation.EvaluationBuilder;

namespace Norma.UnitTests.Evaluation;

public class SchemeJsonTests
{
    [Theory]
    [InlineData("ycyc-dc-04")]
    [InlineData("property-10x10")]
    [InlineData("dept-100.json")]
    public void Shipped_files_round_trip_byte_for_byte(string name)
    {
        var text = ShippedSchemes.Text(name);
        var parsed = SchemeJson.Parse(text);
        parsed.Problems.ShouldBeEmpty();
        (SchemeJson.Serialize(parsed.Scheme!) + "\n").ShouldBe(text);
    }

    [Fact]
    public void The_shipped_ycyc_scheme_has_every_indicator_of_the_seed_with_its_clause()
    {
        var scheme = ShippedSchemes.Load("YCYC-DC-04");
        (scheme.Code, scheme.Version, scheme.Period, scheme.TotalPolicy).ShouldBe(("YCYC-DC-04", "A/0", PeriodType.HalfYear, TotalPolicy.NormalizeTo100));
        scheme.Description.ShouldNotBeNull().ShouldContain("normalizeTo100");
        scheme.Positions.Select(p => (p.Name, p.Sections.Sum(s => s.Indicators.Sum(i => i.Max)))).ShouldBe([("客户经理", 120m), ("专管员", 100m), ("送货员", 110m)]);
        scheme.Positions.Select(p => string.Join("/", p.Sections.Select(s => $"{s.Name}{s.Max}"))).ShouldBe(
        [
            "标准服务20/提升服务50/客户投诉20/满意度测评30",
            "标准服务30/提升服务20/客户投诉20/满意度测评30",
            "标准服务20/提升服务40/客户投诉20/满意度测评30",
        ]);
        scheme.Positions.Select(p => p.Sections[1].Indicators.Count).ShouldBe([6, 3, 4]);
        var all = scheme.Positions.SelectMany(p => p.Sections).SelectMany(s => s.Indicators).ToList();
        all.ShouldAllBe(i => i.Clause != null && i.Clause.StartsWith("YCYC-DC-04 第"));
        all.Where(i => i.Rule is DeductionRule { Items.Count: > 0 }).SelectMany(i => ((DeductionRule)i.Rule).Items).ShouldAllBe(i => i.Clause!.StartsWith("YCYC-DC-04 第五条"));
        ((DeductionRule)scheme.Positions[0].Sections[0].Indicators[0].Rule).Items.Count.ShouldBe(12);
        scheme.Positions.Select(p => ((RateRule)p.Sections[3].Indicators[0].Rule).Target).ShouldBe([90m, 90m, 95m]);
        scheme.PassLine.ShouldBe(new PassLine(85) { HeadTitle = "部(所)长", HeadPenaltyPerPoint = 1, StaffPenaltyPerPoint = 1 });
        scheme.Sampling.ShouldBe(new SamplingRule(5, 1) { Population = "片区零售客户" });
    }

    [Fact]
    public void The_shipped_property_and_department_schemes()
    {
        var property = ShippedSchemes.Load("property-10x10");
        (property.Period, property.Subject, property.PublishByDay).ShouldBe((PeriodType.Month, SubjectKind.Unit, 10));
        property.Positions[0].Sections[0].Indicators.Select(i => i.Name).ShouldBe(["清洁卫生", "环境绿化", "服务态度", "维修及时率", "维修质量", "空调供应", "节能管理", "外围管理", "专柜调整配合", "劳动纪律"]);
        property.Positions[0].Sections[0].Indicators.All(i => i.Max == 10 && i.Rule is DeductionRule { Points: 1, PerHousehold: false, Items.Count: 0 }).ShouldBeTrue();
        property.Grades.Select(g => (g.Name, g.Min, g.Below)).ShouldBe([("优秀", 96m, null), ("优良", 91m, 96m), ("良好", 81m, 91m), ("合格", 70m, 81m), ("不合格", null, 70m)]);

        var dept = ShippedSchemes.Load("dept-100");
        (dept.Subject, dept.OverseerAverage, dept.PassLine!.Score).ShouldBe((SubjectKind.Unit, true, 85m));
        dept.Positions[0].Sections.Select(s => s.Name).ShouldBe(["基础管理", "工作计划及临时重点工作完成情况", "项目支持与配合"]);
        Should.Throw<ArgumentException>(() => ShippedSchemes.Load("nope"));
    }

    [Fact]
    public void Every_rule_kind_and_option_round_trips()
    {
        var scheme = new EvaluationScheme("X-1", "全部规则", "2", PeriodType.Quarter,
        [
            new Position("p", "岗位",
            [
                new Section("s", "部分", [
                    Ind("d", 10, new DeductionRule(1.5m) { PerHousehold = true, Items = [new CheckItem("i", "项") { Points = 2, Clause = "第一条" }] }),
                    Ind("r", 10, new RateRule("n", "m", 97.5m, 2) { TargetMetric = "t", Step = 0.5m, Direction = RateDirection.AtMost, Shortfall = ShortfallPolicy.WholePoint, ZeroDenominator = ZeroDenominatorOutcome.FullMarks }),
                    Ind("b", 10, new BandRule("n", null, null, 100, 2) { Reference = "ref", Shortfall = ShortfallPolicy.StartedPoint, ZeroDenominator = ZeroDenominatorOutcome.Zero }),
                    Ind("e", 10, new PerEventRule(2)),
                    Ind("f", 10, new FixedRule(FixedMode.Penalty) { Points = 5 }),
                    Ind("a", 10, new FixedRule(FixedMode.AllOrNothing)),
                    Ind("m", 40, new ManualRule { RequireNote = false }) with { Clause = "第二条", Criterion = "说明" },
                    Ind("x", 3, new BonusRule(1)),
                ]) { Max = 100, Clause = "第三条" },
            ]),
        ])
        {
            Description = "说明 \"引号\" <b>",
            Subject = SubjectKind.Unit,
            TotalPolicy = TotalPolicy.Declared,
            DeclaredTotal = 100.0m,
            AllowBonus = true,
            BonusAboveTotal = true,
            OverseerAverage = true,
            PublishByDay = 10,
            MissingData = MissingDataPolicy.NotApplicable,
            Sampling = new SamplingRule(5, 2) { Population = "客户" },
            Grades = [new GradeBand("好", 90, null), new GradeBand("差", null, 90)],
            PassLine = new PassLine(85) { Label = "合格", HeadTitle = "所长", HeadPenaltyPerPoint = 1, StaffPenaltyPerPoint = 0.5m, Shortfall = ShortfallPolicy.WholePoint },
        };
        var json = SchemeJson.Serialize(scheme);
        json.ShouldContain("\"kind\": \"perEvent\"");
        json.ShouldContain("\"zeroDenominator\": \"fullMarks\"");
        json.ShouldContain("\"declaredTotal\": 100.0,");
        json.ShouldContain("\"description\": \"说明 \\\"引号\\\" <b>\"");
        var parsed = SchemeJson.Parse(json);
        parsed.Problems.ShouldBeEmpty();
        SchemeJson.Serialize(parsed.Scheme!).ShouldBe(json);
        SchemeJson.Serialize(parsed.Scheme!, indented: false).ShouldStartWith("{\"format\":\"norma-evaluation-scheme/1\",\"code\":\"X-1\"");
        var rate = (RateRule)parsed.Scheme!.Positions[0].Sections[0].Indicators[1].Rule;
        rate.ShouldBe(new RateRule("n", "m", 97.5m, 2) { TargetMetric = "t", Step = 0.5m, Direction = RateDirection.AtMost, Shortfall = ShortfallPolicy.WholePoint, ZeroDenominator = ZeroDenominatorOutcome.FullMarks });
        SchemeValidator.Validate(parsed.Scheme).Problems.ShouldBeEmpty();
    }

    [Fact]
    public void Every_shape_problem_is_reported_with_its_path_line_and_column()
    {
        var json = """
            {
              "format": "norma-evaluation-scheme/2",
              "code": "T",
              "name": "测试",
              "version": 1,
              "period": "weekly",
              "positions": [
                { "key": "staff", "name": "岗位", "sections": [
                  { "key": "main", "name": "测评", "indicators": [
                    { "key": "a", "name": "及时率", "max": "10", "source": "import", "rule": { "kind": "rate", "numerator": "n", "target": 90, "points": 2, "shortfall": "ceil" } },
                    { "key": "b", "name": "投诉", "max": 20, "source": "complaints", "rule": { "kind": "perEvent", "points": 2, "cap": 3 } },
                    { "key": "c", "name": "评分", "max": 20, "source": "manual", "rule": { "kind": "guess" } },
                    { "key": "d", "name": "缺规则", "max": 20, "source": "manual" }
                  ] }
                ] }
              ]
            }
            """;
        var result = SchemeJson.Parse(json);
        result.Succeeded.ShouldBeFalse();
        const string Indicators = "$.positions[0].sections[0].indicators";
        result.Problems.Select(p => (p.Code, p.Path, p.Line, p.Column)).ShouldBe(
        [
            (SchemeJson.Codes.UnsupportedFormat, "$.format", 2, 3),
            (SchemeJson.Codes.WrongType, "$.version", 5, 3),
            (SchemeJson.Codes.InvalidValue, "$.period", 6, 3),
            (SchemeJson.Codes.WrongType, $"{Indicators}[0].max", 10, 38),
            (SchemeJson.Codes.InvalidValue, $"{Indicators}[0].rule.shortfall", 10, 142),
            (SchemeJson.Codes.UnknownProperty, $"{Indicators}[1].rule.cap", 11, 115),
            (SchemeJson.Codes.InvalidValue, $"{Indicators}[2].rule.kind", 12, 78),
            (SchemeJson.Codes.MissingProperty, $"{Indicators}[3].rule", 13, 9),
        ]);
        var lines = json.Split('\n');
        lines[9][(38 - 1)..].ShouldStartWith("\"max\"");
        lines[9][(142 - 1)..].ShouldStartWith("\"shortfall\"");
        result.Problems[0].Message.ShouldBe("不支持的格式 \"norma-evaluation-scheme/2\";应为 \"norma-evaluation-scheme/1\"");
        result.Problems[2].Message.ShouldContain("\"month\"、\"quarter\"、\"halfYear\"、\"year\"");
        result.Problems[4].Message.ShouldContain("\"proportional\"、\"startedPoint\"、\"wholePoint\"");
        result.Problems[5].Message.ShouldBe("未知属性 \"cap\";perEvent 规则可用的属性:kind、points");
        Should.Throw<FormatException>(() => SchemeJson.Deserialize(json)).Message.ShouldContain("$.format (第 2 行第 3 列)");
    }

    [Fact]
    public void A_syntax_error_is_located_by_character_column()
    {
        // Line 3: the bad token sits after `  "name": ` (10 characters).
        var json = "{\n  \"code\": \"T\",\n  \"name\": 测试\n}";
        var problem = SchemeJson.Parse(json).Problems.ShouldHaveSingleItem();
        (problem.Code, problem.Line, problem.Column).ShouldBe((SchemeJson.Codes.Syntax, 3, 11));
        json.Split('\n')[2][problem.Column - 1].ShouldBe('测');
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("[")]
    public void Broken_text_never_throws(string? json) =>
        SchemeJson.Parse(json).Problems.ShouldHaveSingleItem().Code.ShouldBe(SchemeJson.Codes.Syntax);

    [Fact]
    public void Missing_format_and_wrong_shapes_are_reported()
    {
        SchemeJson.Parse("[]").Problems.ShouldHaveSingleItem().Message.ShouldBe("测评方案应为 JSON 对象({…}),实际为数组");
        SchemeJson.Parse("""{"code":"T","name":"N","version":"1","period":"month","positions":[]}""")
            .Problems.ShouldHaveSingleItem().Path.ShouldBe("$.format");
        var noKind = SchemeJson.Parse("""{"format":"norma-evaluation-scheme/1","code":"T","name":"N","version":"1","period":"month","positions":[{"key":"p","name":"P","sections":[{"key":"s","name":"S","indicators":[{"key":"i","name":"I","max":10,"source":"manual","rule":{"points":1}}]}]}]}""");
        var problem = noKind.Problems.ShouldHaveSingleItem();
        (problem.Code, problem.Path, problem.Column).ShouldBe((SchemeJson.Codes.MissingProperty, "$.positions[0].sections[0].indicators[0].rule.kind", 224));
    }
}
