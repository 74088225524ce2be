using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Norma.Rules.Json;

namespace Norma.Rules.Evaluation;

/// <summary>
/// A problem in scheme JSON at an exact place: <see cref="Path"/> in JSONPath form
/// (<c>$.positions[0].sections[1].indicators[2].rule.target</c>), and the 1-based <see cref="Line"/> and
/// <see cref="Column"/> (in characters) where the offending value — or, for a missing property, its object — starts.
/// </summary>
public sealed record SchemeJsonProblem(string Code, string Path, int Line, int Column, string Message)
{
    public override string ToString() => $"{Path} (第 {Line} 行第 {Column} 列): {Message}";
}

/// <summary>The outcome of <see cref="SchemeJson.Parse"/>: a scheme, or the problems (never both).</summary>
public sealed record SchemeParseResult(EvaluationScheme? Scheme, IReadOnlyList<SchemeJsonProblem> Problems)
{
    [MemberNotNullWhen(true, nameof(Scheme))]
    public bool Succeeded => Scheme is not null;
}

/// <summary>
/// The file format of <see cref="EvaluationScheme"/> (<c>"format": "norma-evaluation-scheme/1"</c>): camelCase
/// properties, enums as camelCase strings, rules discriminated by <c>"kind"</c>, numbers exactly as written
/// (decimal), default values left out. <see cref="Parse"/> never throws: it reports every shape problem with its
/// location; rule problems (sums of maxima, bands …) are <see cref="SchemeValidator"/>'s job.
/// Described in docs/evaluation-schemes.md.
/// </summary>
public static class SchemeJson
{
    public const string Format = "norma-evaluation-scheme/1";

    /// <summary>Problem codes <see cref="Parse"/> reports.</summary>
    public static class Codes
    {
        public const string Syntax = JsonShapeCodes.Syntax;
        public const string WrongType = JsonShapeCodes.WrongType;
        public const string MissingProperty = JsonShapeCodes.MissingProperty;
        public const string UnknownProperty = JsonShapeCodes.UnknownProperty;
        public const string DuplicateProperty = JsonShapeCodes.DuplicateProperty;
        public const string InvalidValue = JsonShapeCodes.InvalidValue;
        public const string UnsupportedFormat = "unsupported-format";
    }

    /// <summary>
    /// Writes the scheme in the file format. Indented output (the default) is what the shipped files look like;
    /// characters are escaped only where JSON requires it (the files are data, never pasted into HTML unencoded).
    /// </summary>
    public static string Serialize(EvaluationScheme scheme, bool indented = true)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            SchemeWriter.Write(writer, scheme);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Parses or throws a <see cref="FormatException"/> listing the problems; see <see cref="Parse"/>.</summary>
    public static EvaluationScheme Deserialize(string json)
    {
        var result = Parse(json);
        return result.Succeeded
            ? result.Scheme
            : throw new FormatException("测评方案 JSON 有误:" + string.Join("; ", result.Problems));
    }

    /// <summary>Parses a scheme, collecting every problem (syntax errors stop at the first).</summary>
    public static SchemeParseResult Parse(string? json)
    {
        json ??= "";
        var text = new TextPositions(json);
        var document = SchemeReader.TryParse(json, text, out var error);
        if (document is null)
        {
            return new SchemeParseResult(null, [new SchemeJsonProblem(Codes.Syntax, error.Path, error.Line, error.Column, error.Message)]);
        }

        using (document)
        {
            var reader = new SchemeReader(text, JsonPaths.Offsets(json));
            var scheme = reader.ReadScheme(document.RootElement);
            return reader.Problems.Count == 0 && scheme is not null
                ? new SchemeParseResult(scheme, [])
                : new SchemeParseResult(null, reader.Problems);
        }
    }

    private static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private sealed class SchemeReader(TextPositions text, Dictionary<string, long> offsets)
        : JsonShapeReader<SchemeJsonProblem>(text, offsets)
    {
        private static readonly string[] SchemeProperties =
        [
            "format", "code", "name", "version", "description", "period", "subject", "totalPolicy", "declaredTotal",
            "allowBonus", "bonusAboveTotal", "overseerAverage", "publishByDay", "missingData", "sampling", "grades",
            "passLine", "positions",
        ];

        private static readonly Dictionary<RuleKind, string[]> RuleProperties = new()
        {
            [RuleKind.Deduction] = ["kind", "points", "perHousehold", "items"],
            [RuleKind.Rate] = ["kind", "numerator", "denominator", "target", "targetMetric", "points", "step", "direction", "shortfall", "zeroDenominator"],
            [RuleKind.Band] = ["kind", "numerator", "denominator", "reference", "lower", "upper", "points", "step", "shortfall", "zeroDenominator"],
            [RuleKind.PerEvent] = ["kind", "points"],
            [RuleKind.Fixed] = ["kind", "mode", "points"],
            [RuleKind.Manual] = ["kind", "requireNote"],
            [RuleKind.Bonus] = ["kind", "points"],
        };

        protected override SchemeJsonProblem CreateProblem(string code, string path, int line, int column, string message) =>
            new(code, path, line, column, message);

        public EvaluationScheme? ReadScheme(JsonElement root)
        {
            var props = ReadObject(root, "$", "测评方案", SchemeProperties);
            if (props is null)
            {
                return null;
            }

            if (String(Required(props, "$", "format"), "$.format") is { } format && format != Format)
            {
                Add(Codes.UnsupportedFormat, "$.format", "$.format", $"不支持的格式 \"{format}\";应为 \"{Format}\"");
            }

            var code = String(Required(props, "$", "code"), "$.code");
            var name = String(Required(props, "$", "name"), "$.name");
            var version = String(Required(props, "$", "version"), "$.version");
            var description = String(Optional(props, "description"), "$.description");
            var period = Required(props, "$", "period") is { } p ? Enum<PeriodType>(p, "$.period") : null;
            var subject = Optional(props, "subject") is { } s ? Enum<SubjectKind>(s, "$.subject") : SubjectKind.Staff;
            var totalPolicy = Optional(props, "totalPolicy") is { } t ? Enum<TotalPolicy>(t, "$.totalPolicy") : TotalPolicy.None;
            var declaredTotal = Number(Optional(props, "declaredTotal"), "$.declaredTotal");
            var allowBonus = Optional(props, "allowBonus") is { } ab && Bool(ab, "$.allowBonus");
            var bonusAboveTotal = Optional(props, "bonusAboveTotal") is { } bt && Bool(bt, "$.bonusAboveTotal");
            var overseerAverage = Optional(props, "overseerAverage") is { } oa && Bool(oa, "$.overseerAverage");
            var publishByDay = Integer(Optional(props, "publishByDay"), "$.publishByDay");
            var missingData = Optional(props, "missingData") is { } md ? Enum<MissingDataPolicy>(md, "$.missingData") : MissingDataPolicy.Error;
            var sampling = Optional(props, "sampling") is { } sa ? ReadSampling(sa, "$.sampling") : null;
            var grades = Optional(props, "grades") is { } g ? ReadArray(g, "$.grades", ReadGrade) : [];
            var passLine = Optional(props, "passLine") is { } pl ? ReadPassLine(pl, "$.passLine") : null;
            var positions = Required(props, "$", "positions") is { } ps ? ReadArray(ps, "$.positions", ReadPosition) : null;

            if (code is null || name is null || version is null || period is null || subject is null || totalPolicy is null || missingData is null || grades is null || positions is null)
            {
                return null;
            }

            return new EvaluationScheme(code, name, version, period.Value, positions)
            {
                Description = description,
                Subject = subject.Value,
                TotalPolicy = totalPolicy.Value,
                DeclaredTotal = declaredTotal,
                AllowBonus = allowBonus,
                BonusAboveTotal = bonusAboveTotal,
                OverseerAverage = overseerAverage,
                PublishByDay = publishByDay,
                MissingData = missingData.Value,
                Sampling = sampling,
                Grades = grades,
                PassLine = passLine,
            };
        }

        private SamplingRule? ReadSampling(JsonElement element, string path)
        {
            var props = ReadObject(element, path, "抽样规则", ["percent", "minimum", "population"]);
            if (props is null)
            {
                return null;
            }

            var percent = Number(Required(props, path, "percent"), path + ".percent");
            var minimum = Optional(props, "minimum") is { } m ? Integer(m, path + ".minimum") : 0;
            var population = String(Optional(props, "population"), path + ".population");
            return percent is null || minimum is null ? null : new SamplingRule(percent.Value, minimum.Value) { Population = population };
        }

        private GradeBand? ReadGrade(JsonElement element, string path)
        {
            var props = ReadObject(element, path, "等级", ["name", "min", "below"]);
            if (props is null)
            {
                return null;
            }

            var name = String(Required(props, path, "name"), path + ".name");
            var min = Number(Optional(props, "min"), path + ".min");
            var below = Number(Optional(props, "below"), path + ".below");
            return name is null ? null : new GradeBand(name, min, below);
        }

        private PassLine? ReadPassLine(JsonElement element, string path)
        {
            var props = ReadObject(element, path, "达标线", ["score", "label", "headTitle", "headPenaltyPerPoint", "staffPenaltyPerPoint", "shortfall"]);
            if (props is null)
            {
                return null;
            }

            var score = Number(Required(props, path, "score"), path + ".score");
            var label = String(Optional(props, "label"), path + ".label");
            var headTitle = String(Optional(props, "headTitle"), path + ".headTitle");
            var head = Number(Optional(props, "headPenaltyPerPoint"), path + ".headPenaltyPerPoint");
            var staff = Number(Optional(props, "staffPenaltyPerPoint"), path + ".staffPenaltyPerPoint");
            var shortfall = Optional(props, "shortfall") is { } sf ? Enum<ShortfallPolicy>(sf, path + ".shortfall") : ShortfallPolicy.Proportional;
            if (score is null || shortfall is null)
            {
                return null;
            }

            var line = new PassLine(score.Value) { HeadPenaltyPerPoint = head, StaffPenaltyPerPoint = staff, Shortfall = shortfall.Value };
            line = label is null ? line : line with { Label = label };
            return headTitle is null ? line : line with { HeadTitle = headTitle };
        }

        private Position? ReadPosition(JsonElement element, string path)
        {
            var props = ReadObject(element, path, "岗位", ["key", "name", "sections"]);
            if (props is null)
            {
                return null;
            }

            var key = String(Required(props, path, "key"), path + ".key");
            var name = String(Required(props, path, "name"), path + ".name");
            var sections = Required(props, path, "sections") is { } s ? ReadArray(s, path + ".sections", ReadSection) : null;
            return key is null || name is null || sections is null ? null : new Position(key, name, sections);
        }

        private Section? ReadSection(JsonElement element, string path)
        {
            var props = ReadObject(element, path, "测评部分", ["key", "name", "max", "clause", "indicators"]);
            if (props is null)
            {
                return null;
            }

            var key = String(Required(props, path, "key"), path + ".key");
            var name = String(Required(props, path, "name"), path + ".name");
            var max = Number(Optional(props, "max"), path + ".max");
            var clause = String(Optional(props, "clause"), path + ".clause");
            var indicators = Required(props, path, "indicators") is { } i ? ReadArray(i, path + ".indicators", ReadIndicator) : null;
            return key is null || name is null || indicators is null ? null : new Section(key, name, indicators) { Max = max, Clause = clause };
        }

        private Indicator? ReadIndicator(JsonElement element, string path)
        {
            var props = ReadObject(element, path, "指标", ["key", "name", "max", "clause", "criterion", "source", "rule"]);
            if (props is null)
            {
                return null;
            }

            var key = String(Required(props, path, "key"), path + ".key");
            var name = String(Required(props, path, "name"), path + ".name");
            var max = Number(Required(props, path, "max"), path + ".max");
            var clause = String(Optional(props, "clause"), path + ".clause");
            var criterion = String(Optional(props, "criterion"), path + ".criterion");
            var source = String(Required(props, path, "source"), path + ".source");
            var rule = Required(props, path, "rule") is { } r ? ReadRule(r, path + ".rule") : null;
            return key is null || name is null || max is null || source is null || rule is null
                ? null
                : new Indicator(key, name, max.Value, source, rule) { Clause = clause, Criterion = criterion };
        }

        private IndicatorRule? ReadRule(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                ReadObject(element, path, "计分规则", []);
                return null;
            }

            RuleKind? kind = null;
            foreach (var p in element.EnumerateObject())
            {
                if (p.Name == "kind")
                {
                    kind = Enum<RuleKind>(p.Value, path + ".kind");
                    break;
                }
            }

            if (kind is null)
            {
                if (!element.EnumerateObject().Any(p => p.Name == "kind"))
                {
                    Add(Codes.MissingProperty, path + ".kind", path, "缺少必填属性 \"kind\"(计分规则的种类)");
                }

                return null;
            }

            var props = ReadObject(element, path, $"{Name(kind.Value)} 规则", RuleProperties[kind.Value]);
            if (props is null)
            {
                return null;
            }

            decimal? Num(string name, bool required) =>
                Number(required ? Required(props, path, name) : Optional(props, name), $"{path}.{name}");
            string? Str(string name, bool required) =>
                String(required ? Required(props, path, name) : Optional(props, name), $"{path}.{name}");
            T? Opt<T>(string name, T fallback)
                where T : struct, Enum => Optional(props, name) is { } v ? Enum<T>(v, $"{path}.{name}") : fallback;

            switch (kind.Value)
            {
                case RuleKind.Deduction:
                {
                    var points = Num("points", true);
                    var perHousehold = Optional(props, "perHousehold") is { } ph && Bool(ph, path + ".perHousehold");
                    var items = Optional(props, "items") is { } i ? ReadArray(i, path + ".items", ReadItem) : [];
                    return points is null || items is null ? null : new DeductionRule(points.Value) { PerHousehold = perHousehold, Items = items };
                }

                case RuleKind.Rate:
                {
                    var numerator = Str("numerator", true);
                    var denominator = Str("denominator", false);
                    var target = Num("target", true);
                    var targetMetric = Str("targetMetric", false);
                    var points = Num("points", true);
                    var step = Num("step", false) ?? 1m;
                    var direction = Opt("direction", RateDirection.AtLeast);
                    var shortfall = Opt("shortfall", ShortfallPolicy.Proportional);
                    var zero = Opt("zeroDenominator", ZeroDenominatorOutcome.NotApplicable);
                    return numerator is null || target is null || points is null || direction is null || shortfall is null || zero is null
                        ? null
                        : new RateRule(numerator, denominator, target.Value, points.Value)
                        {
                            TargetMetric = targetMetric,
                            Step = step,
                            Direction = direction.Value,
                            Shortfall = shortfall.Value,
                            ZeroDenominator = zero.Value,
                        };
                }

                case RuleKind.Band:
                {
                    var numerator = Str("numerator", true);
                    var denominator = Str("denominator", false);
                    var reference = Str("reference", false);
                    var lower = Num("lower", false);
                    var upper = Num("upper", false);
                    var points = Num("points", true);
                    var step = Num("step", false) ?? 1m;
                    var shortfall = Opt("shortfall", ShortfallPolicy.Proportional);
                    var zero = Opt("zeroDenominator", ZeroDenominatorOutcome.NotApplicable);
                    return numerator is null || points is null || shortfall is null || zero is null
                        ? null
                        : new BandRule(numerator, denominator, lower, upper, points.Value)
                        {
                            Reference = reference,
                            Step = step,
                            Shortfall = shortfall.Value,
                            ZeroDenominator = zero.Value,
                        };
                }

                case RuleKind.PerEvent:
                    return Num("points", true) is { } per ? new PerEventRule(per) : null;

                case RuleKind.Fixed:
                {
                    var mode = Required(props, path, "mode") is { } m ? Enum<FixedMode>(m, path + ".mode") : null;
                    var points = Num("points", false);
                    return mode is null ? null : new FixedRule(mode.Value) { Points = points };
                }

                case RuleKind.Manual:
                    return new ManualRule { RequireNote = Optional(props, "requireNote") is not { } rn || Bool(rn, path + ".requireNote") };

                default:
                    return Num("points", true) is { } bonus ? new BonusRule(bonus) : null;
            }
        }

        private CheckItem? ReadItem(JsonElement element, string path)
        {
            var props = ReadObject(element, path, "检查项", ["key", "name", "points", "clause"]);
            if (props is null)
            {
                return null;
            }

            var key = String(Required(props, path, "key"), path + ".key");
            var name = String(Required(props, path, "name"), path + ".name");
            var points = Number(Optional(props, "points"), path + ".points");
            var clause = String(Optional(props, "clause"), path + ".clause");
            return key is null || name is null ? null : new CheckItem(key, name) { Points = points, Clause = clause };
        }
    }

    /// <summary>Writes properties in a fixed order, leaving out nulls and defaults, so a file round-trips byte for byte.</summary>
    private static class SchemeWriter
    {
        public static void Write(Utf8JsonWriter w, EvaluationScheme s)
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("code", s.Code);
            w.WriteString("name", s.Name);
            w.WriteString("version", s.Version);
            Str(w, "description", s.Description);
            w.WriteString("period", Name(s.Period));
            if (s.Subject != SubjectKind.Staff)
            {
                w.WriteString("subject", Name(s.Subject));
            }

            if (s.TotalPolicy != TotalPolicy.None)
            {
                w.WriteString("totalPolicy", Name(s.TotalPolicy));
            }

            Num(w, "declaredTotal", s.DeclaredTotal);
            Flag(w, "allowBonus", s.AllowBonus);
            Flag(w, "bonusAboveTotal", s.BonusAboveTotal);
            Flag(w, "overseerAverage", s.OverseerAverage);
            if (s.PublishByDay is { } day)
            {
                w.WriteNumber("publishByDay", day);
            }

            if (s.MissingData != MissingDataPolicy.Error)
            {
                w.WriteString("missingData", Name(s.MissingData));
            }

            if (s.Sampling is { } sampling)
            {
                w.WriteStartObject("sampling");
                w.WriteNumber("percent", sampling.Percent);
                w.WriteNumber("minimum", sampling.Minimum);
                Str(w, "population", sampling.Population);
                w.WriteEndObject();
            }

            if (s.Grades is { Count: > 0 })
            {
                w.WriteStartArray("grades");
                foreach (var g in s.Grades)
                {
                    w.WriteStartObject();
                    w.WriteString("name", g.Name);
                    Num(w, "min", g.Min);
                    Num(w, "below", g.Below);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            if (s.PassLine is { } line)
            {
                var defaults = new PassLine(line.Score);
                w.WriteStartObject("passLine");
                w.WriteNumber("score", line.Score);
                Str(w, "label", line.Label == defaults.Label ? null : line.Label);
                Str(w, "headTitle", line.HeadTitle == defaults.HeadTitle ? null : line.HeadTitle);
                Num(w, "headPenaltyPerPoint", line.HeadPenaltyPerPoint);
                Num(w, "staffPenaltyPerPoint", line.StaffPenaltyPerPoint);
                if (line.Shortfall != ShortfallPolicy.Proportional)
                {
                    w.WriteString("shortfall", Name(line.Shortfall));
                }

                w.WriteEndObject();
            }

            w.WriteStartArray("positions");
            foreach (var position in s.Positions)
            {
                w.WriteStartObject();
                w.WriteString("key", position.Key);
                w.WriteString("name", position.Name);
                w.WriteStartArray("sections");
                foreach (var section in position.Sections)
                {
                    WriteSection(w, section);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        private static void WriteSection(Utf8JsonWriter w, Section section)
        {
            w.WriteStartObject();
            w.WriteString("key", section.Key);
            w.WriteString("name", section.Name);
            Num(w, "max", section.Max);
            Str(w, "clause", section.Clause);
            w.WriteStartArray("indicators");
            foreach (var indicator in section.Indicators)
            {
                w.WriteStartObject();
                w.WriteString("key", indicator.Key);
                w.WriteString("name", indicator.Name);
                w.WriteNumber("max", indicator.Max);
                Str(w, "clause", indicator.Clause);
                Str(w, "criterion", indicator.Criterion);
                w.WriteString("source", indicator.Source);
                w.WritePropertyName("rule");
                WriteRule(w, indicator.Rule);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        private static void WriteRule(Utf8JsonWriter w, IndicatorRule rule)
        {
            w.WriteStartObject();
            w.WriteString("kind", Name(rule.Kind));
            switch (rule)
            {
                case DeductionRule d:
                    w.WriteNumber("points", d.Points);
                    Flag(w, "perHousehold", d.PerHousehold);
                    if (d.Items is { Count: > 0 })
                    {
                        w.WriteStartArray("items");
                        foreach (var item in d.Items)
                        {
                            w.WriteStartObject();
                            w.WriteString("key", item.Key);
                            w.WriteString("name", item.Name);
                            Num(w, "points", item.Points);
                            Str(w, "clause", item.Clause);
                            w.WriteEndObject();
                        }

                        w.WriteEndArray();
                    }

                    break;
                case RateRule r:
                    w.WriteString("numerator", r.Numerator);
                    Str(w, "denominator", r.Denominator);
                    w.WriteNumber("target", r.Target);
                    Str(w, "targetMetric", r.TargetMetric);
                    w.WriteNumber("points", r.Points);
                    if (r.Direction != RateDirection.AtLeast)
                    {
                        w.WriteString("direction", Name(r.Direction));
                    }

                    Stepping(w, r.Step, r.Shortfall, r.ZeroDenominator);

                    break;
                case BandRule b:
                    w.WriteString("numerator", b.Numerator);
                    Str(w, "denominator", b.Denominator);
                    Str(w, "reference", b.Reference);
                    Num(w, "lower", b.Lower);
                    Num(w, "upper", b.Upper);
                    w.WriteNumber("points", b.Points);
                    Stepping(w, b.Step, b.Shortfall, b.ZeroDenominator);
                    break;
                case PerEventRule e:
                    w.WriteNumber("points", e.Points);
                    break;
                case FixedRule f:
                    w.WriteString("mode", Name(f.Mode));
                    Num(w, "points", f.Points);
                    break;
                case ManualRule m when !m.RequireNote:
                    w.WriteBoolean("requireNote", false);
                    break;
                case BonusRule b:
                    w.WriteNumber("points", b.Points);
                    break;
            }

            w.WriteEndObject();
        }

        private static void Stepping(Utf8JsonWriter w, decimal step, ShortfallPolicy shortfall, ZeroDenominatorOutcome zero)
        {
            if (step != 1m)
            {
                w.WriteNumber("step", step);
            }

            if (shortfall != ShortfallPolicy.Proportional)
            {
                w.WriteString("shortfall", Name(shortfall));
            }

            if (zero != ZeroDenominatorOutcome.NotApplicable)
            {
                w.WriteString("zeroDenominator", Name(zero));
            }
        }

        private static void Str(Utf8JsonWriter w, string name, string? value)
        {
            if (value is not null)
            {
                w.WriteString(name, value);
            }
        }

        private static void Num(Utf8JsonWriter w, string name, decimal? value)
        {
            if (value is { } v)
            {
                w.WriteNumber(name, v);
            }
        }

        private static void Flag(Utf8JsonWriter w, string name, bool value)
        {
            if (value)
            {
                w.WriteBoolean(name, true);
            }
        }
    }
}
