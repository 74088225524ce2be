using System.Text.RegularExpressions;

namespace Norma.Rules.Evaluation;

/// <summary>The outcome of <see cref="SchemeValidator.Validate"/>: problems in a fixed order, errors and warnings.</summary>
public sealed record SchemeValidation(IReadOnlyList<SchemeProblem> Problems)
{
    /// <summary>A scheme with errors may be computed for a preview but its results cannot be published.</summary>
    public bool CanPublish => Problems.All(p => p.Severity != ProblemSeverity.Error);
}

/// <summary>The codes <see cref="SchemeValidator"/> reports (listed with their meaning in docs/evaluation-schemes.md).</summary>
public static class SchemeProblemCodes
{
    public const string EmptyCode = "empty-code";
    public const string EmptyName = "empty-name";
    public const string EmptyVersion = "empty-version";
    public const string InvalidKey = "invalid-key";
    public const string DuplicateKey = "duplicate-key";
    public const string NoPositions = "no-positions";
    public const string NoSections = "no-sections";
    public const string EmptySection = "empty-section";
    public const string NonPositiveMax = "non-positive-max";
    public const string SectionMaxMismatch = "section-max-mismatch";
    public const string MaximaNot100 = "maxima-not-100";
    public const string MaximaNotDeclared = "maxima-not-declared";
    public const string NoScoredIndicators = "no-scored-indicators";
    public const string InvalidDeclaredTotal = "invalid-declared-total";
    public const string InvalidParameter = "invalid-parameter";
    public const string InvalidMetric = "invalid-metric";
    public const string InvalidBandBounds = "invalid-band-bounds";
    public const string PointsAboveMax = "points-above-max";
    public const string BonusNotAllowed = "bonus-not-allowed";
    public const string InvalidDataSource = "invalid-data-source";
    public const string UnknownDataSource = "unknown-data-source";
    public const string PerHouseholdWithoutSampling = "per-household-without-sampling";
    public const string FieldCheckRule = "field-check-rule";
    public const string InvalidSampling = "invalid-sampling";
    public const string EmptyGradeBand = "empty-grade-band";
    public const string DuplicateGrade = "duplicate-grade";
    public const string GradeBandsOverlap = "grade-bands-overlap";
    public const string GradeBandsGap = "grade-bands-gap";
    public const string GradesUncovered = "grades-uncovered";
    public const string InvalidPassLine = "invalid-pass-line";
    public const string InvalidPublishDay = "invalid-publish-day";
}

/// <summary>
/// Checks a scheme before it is saved or published: the header, every position's tree (keys, maxima and their sums
/// against the total policy, each rule's parameters, data sources), sampling, grade bands and the pass line.
/// Problems come in document order. The sum of maxima is checked per position because positions are scored on their
/// own trees: YCYC-DC-04's 客户经理 tree adds up to 120 and 送货员's to 110, which is an error under
/// <see cref="TotalPolicy.None"/> and a warning (the total is rescaled) under <see cref="TotalPolicy.NormalizeTo100"/>.
/// </summary>
public static partial class SchemeValidator
{
    /// <summary>The first segment of a data source key: where the figures come from.</summary>
    public static IReadOnlyList<string> DataSourceRoots { get; } =
        ["cases", "complaints", "visits", "ratings", "surveys", "inspections", "field-check", "import", "manual"];

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[a-z][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SourcePattern();

    /// <summary>Keys (positions, sections, indicators, check items) and metric names: ASCII letters, digits, '_' and '-', starting with a letter, at most 40 characters.</summary>
    public static bool IsValidKey(string? key) => key is not null && KeyPattern().IsMatch(key);

    /// <summary>A data source key: a known root, then optional dot-separated lower-case segments ("cases.on-time-rate").</summary>
    public static bool IsValidSource(string? source) =>
        source is not null && SourcePattern().IsMatch(source) && DataSourceRoots.Contains(source.Split('.')[0], StringComparer.Ordinal);

    public static SchemeValidation Validate(EvaluationScheme scheme)
    {
        var problems = new List<SchemeProblem>();
        void Error(string code, string path, string message) => problems.Add(new(code, ProblemSeverity.Error, path, message));
        void Warn(string code, string path, string message) => problems.Add(new(code, ProblemSeverity.Warning, path, message));

        if (string.IsNullOrWhiteSpace(scheme.Code))
        {
            Error(SchemeProblemCodes.EmptyCode, "$.code", "测评方案缺少编号(code)");
        }

        if (string.IsNullOrWhiteSpace(scheme.Name))
        {
            Error(SchemeProblemCodes.EmptyName, "$.name", "测评方案缺少名称");
        }

        if (string.IsNullOrWhiteSpace(scheme.Version))
        {
            Error(SchemeProblemCodes.EmptyVersion, "$.version", "测评方案缺少版本号");
        }

        if (!Enum.IsDefined(scheme.Period) || !Enum.IsDefined(scheme.Subject) || !Enum.IsDefined(scheme.TotalPolicy) || !Enum.IsDefined(scheme.MissingData))
        {
            Error(SchemeProblemCodes.InvalidParameter, "$", "测评周期、测评对象、总分规则或缺数据处理方式的取值无效");
        }

        if (scheme.TotalPolicy == TotalPolicy.Declared && scheme.DeclaredTotal is not > 0)
        {
            Error(SchemeProblemCodes.InvalidDeclaredTotal, "$.declaredTotal", $"总分规则为 declared(声明总分),但声明的总分{(scheme.DeclaredTotal is { } d ? $" {Fmt(d)} 分不是正数" : "缺失")}");
        }

        if (scheme.PublishByDay is { } day && day is < 1 or > 28)
        {
            Error(SchemeProblemCodes.InvalidPublishDay, "$.publishByDay", $"通报日期应为次月 1–28 日之一,当前为 {day}");
        }

        if (scheme.Sampling is { } sampling && (sampling.Percent is <= 0 or > 100 || sampling.Minimum < 0))
        {
            Error(SchemeProblemCodes.InvalidSampling, "$.sampling", $"抽样比例应在 0–100 % 之间(不含 0)且最少户数不能为负数,当前为 {Fmt(sampling.Percent)} %、最少 {sampling.Minimum} 户");
        }

        CheckPositions(scheme, Error, Warn);
        CheckGrades(scheme, Error, Warn);
        CheckPassLine(scheme, Error);
        return new SchemeValidation(problems);
    }

    private static void CheckPositions(EvaluationScheme scheme, Action<string, string, string> error, Action<string, string, string> warn)
    {
        var positions = scheme.Positions ?? [];
        if (positions.Count == 0)
        {
            error(SchemeProblemCodes.NoPositions, "$.positions", "测评方案至少要有一个岗位(或被测评单位类别)");
            return;
        }

        var positionKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var p = 0; p < positions.Count; p++)
        {
            var position = positions[p];
            var path = $"$.positions[{p}]";
            CheckKey(position.Key, path, $"岗位“{position.Name}”", positionKeys, error);
            if (string.IsNullOrWhiteSpace(position.Name))
            {
                error(SchemeProblemCodes.EmptyName, path + ".name", $"岗位 {position.Key} 缺少名称");
            }

            var sections = position.Sections ?? [];
            if (sections.Count == 0)
            {
                error(SchemeProblemCodes.NoSections, path + ".sections", $"岗位“{position.Name}”没有测评内容");
                continue;
            }

            var sectionKeys = new HashSet<string>(StringComparer.Ordinal);
            var indicatorKeys = new HashSet<string>(StringComparer.Ordinal);
            decimal sum = 0;
            var scored = 0;
            for (var s = 0; s < sections.Count; s++)
            {
                var section = sections[s];
                var sectionPath = $"{path}.sections[{s}]";
                CheckKey(section.Key, sectionPath, $"岗位“{position.Name}”的部分“{section.Name}”", sectionKeys, error);
                var indicators = section.Indicators ?? [];
                if (indicators.Count == 0)
                {
                    error(SchemeProblemCodes.EmptySection, sectionPath + ".indicators", $"岗位“{position.Name}”的部分“{section.Name}”没有指标");
                }

                decimal sectionSum = 0;
                for (var i = 0; i < indicators.Count; i++)
                {
                    var indicator = indicators[i];
                    var indicatorPath = $"{sectionPath}.indicators[{i}]";
                    var label = $"岗位“{position.Name}”的指标“{indicator.Name}”";
                    CheckKey(indicator.Key, indicatorPath, label, indicatorKeys, error);
                    if (string.IsNullOrWhiteSpace(indicator.Name))
                    {
                        error(SchemeProblemCodes.EmptyName, indicatorPath + ".name", $"岗位“{position.Name}”的指标 {indicator.Key} 缺少名称");
                    }

                    if (indicator.Max <= 0)
                    {
                        error(SchemeProblemCodes.NonPositiveMax, indicatorPath + ".max", $"{label}的满分必须是正数,当前为 {Fmt(indicator.Max)}");
                    }

                    CheckSource(indicator, indicatorPath, label, error);
                    CheckRule(scheme, indicator, indicatorPath, label, error, warn);
                    if (indicator.Rule is not BonusRule)
                    {
                        sectionSum += indicator.Max;
                        scored++;
                    }
                }

                if (section.Max is { } declared && declared != sectionSum)
                {
                    error(SchemeProblemCodes.SectionMaxMismatch, sectionPath + ".max", $"岗位“{position.Name}”的部分“{section.Name}”标明 {Fmt(declared)} 分,但其指标满分合计 {Fmt(sectionSum)} 分");
                }

                sum += sectionSum;
            }

            if (scored == 0)
            {
                error(SchemeProblemCodes.NoScoredIndicators, path + ".sections", $"岗位“{position.Name}”没有计分指标(只有加分项)");
                continue;
            }

            CheckSum(scheme, position, path, sum, error, warn);
        }
    }

    private static void CheckSum(EvaluationScheme scheme, Position position, string path, decimal sum, Action<string, string, string> error, Action<string, string, string> warn)
    {
        switch (scheme.TotalPolicy)
        {
            case TotalPolicy.None when sum != 100:
                error(SchemeProblemCodes.MaximaNot100, path, $"{position.Name} 的各部分满分合计 {Fmt(sum)} 分,不等于 100 分");
                break;
            case TotalPolicy.NormalizeTo100 when sum != 100:
                warn(SchemeProblemCodes.MaximaNot100, path, $"{position.Name} 的各部分满分合计 {Fmt(sum)} 分,不等于 100 分;按总分规则 normalizeTo100 折算为百分制(得分 × 100 / {Fmt(sum)})");
                break;
            case TotalPolicy.Declared when scheme.DeclaredTotal is > 0 and var declared && sum != declared:
                error(SchemeProblemCodes.MaximaNotDeclared, path, $"{position.Name} 的各部分满分合计 {Fmt(sum)} 分,不等于声明的总分 {Fmt(declared)} 分");
                break;
        }
    }

    private static void CheckKey(string? key, string path, string label, HashSet<string> seen, Action<string, string, string> error)
    {
        if (!IsValidKey(key))
        {
            error(SchemeProblemCodes.InvalidKey, path + ".key", $"{label}的标识“{key}”无效:只能用英文字母、数字、下划线和连字符,以字母开头,最长 40 个字符");
        }
        else if (!seen.Add(key!))
        {
            error(SchemeProblemCodes.DuplicateKey, path + ".key", $"{label}的标识“{key}”重复");
        }
    }

    private static void CheckSource(Indicator indicator, string path, string label, Action<string, string, string> error)
    {
        var source = indicator.Source;
        if (source is null || !SourcePattern().IsMatch(source))
        {
            error(SchemeProblemCodes.InvalidDataSource, path + ".source", $"{label}的数据来源“{source}”格式无效:应为小写字母、数字和连字符组成、以点分隔的标识,如 \"cases.on-time-rate\"");
        }
        else if (!DataSourceRoots.Contains(source.Split('.')[0], StringComparer.Ordinal))
        {
            error(SchemeProblemCodes.UnknownDataSource, path + ".source", $"{label}的数据来源“{source}”未知:应以 {string.Join("、", DataSourceRoots)} 之一开头");
        }
        else if (source == "field-check" && indicator.Rule is not (DeductionRule or RateRule { Denominator: not null }))
        {
            // A field check records nonconformities, or observed and conforming counts: nothing else could ever feed this indicator.
            error(SchemeProblemCodes.FieldCheckRule, path + ".source", $"{label}的数据来源是实地检查,但实地检查只能为“按不合格项扣分”或“有分母的比率”规则提供数据");
        }
    }

    private static void CheckRule(EvaluationScheme scheme, Indicator indicator, string path, string label, Action<string, string, string> error, Action<string, string, string> warn)
    {
        var rulePath = path + ".rule";
        void Positive(decimal value, string name, string what)
        {
            if (value <= 0)
            {
                error(SchemeProblemCodes.InvalidParameter, $"{rulePath}.{name}", $"{label}的{what}必须是正数,当前为 {Fmt(value)}");
            }
        }

        void Metric(string? metric, string name, bool required)
        {
            if ((required || metric is not null) && !IsValidKey(metric))
            {
                error(SchemeProblemCodes.InvalidMetric, $"{rulePath}.{name}", $"{label}的数据项名称“{metric}”无效:只能用英文字母、数字、下划线和连字符,以字母开头");
            }
        }

        void Shortfall(ShortfallPolicy policy, ZeroDenominatorOutcome zero)
        {
            if (!Enum.IsDefined(policy) || !Enum.IsDefined(zero))
            {
                error(SchemeProblemCodes.InvalidParameter, rulePath, $"{label}的不足部分计算方式或分母为零时的处理方式无效");
            }
        }

        switch (indicator.Rule)
        {
            case null:
                error(SchemeProblemCodes.InvalidParameter, rulePath, $"{label}没有计分规则");
                break;
            case DeductionRule d:
                Positive(d.Points, "points", "每项扣分");
                var itemKeys = new HashSet<string>(StringComparer.Ordinal);
                var items = d.Items ?? [];
                for (var k = 0; k < items.Count; k++)
                {
                    var item = items[k];
                    CheckKey(item.Key, $"{rulePath}.items[{k}]", $"{label}的检查项“{item.Name}”", itemKeys, error);
                    if (item.Points is { } points)
                    {
                        Positive(points, $"items[{k}].points", $"检查项“{item.Name}”的每项扣分");
                    }
                }

                if (d.PerHousehold && scheme.Sampling is null)
                {
                    warn(SchemeProblemCodes.PerHouseholdWithoutSampling, rulePath + ".perHousehold", $"{label}按抽查户数求平均,但方案没有抽样规则(sampling)");
                }

                break;
            case RateRule r:
                Metric(r.Numerator, "numerator", required: true);
                Metric(r.Denominator, "denominator", required: false);
                Metric(r.TargetMetric, "targetMetric", required: false);
                Positive(r.Points, "points", "每个百分点扣分");
                Positive(r.Step, "step", "计扣步长");
                if (r.Target is < 0 or > 100)
                {
                    error(SchemeProblemCodes.InvalidParameter, rulePath + ".target", $"{label}的目标值应在 0–100 % 之间,当前为 {Fmt(r.Target)} %");
                }

                if (!Enum.IsDefined(r.Direction))
                {
                    error(SchemeProblemCodes.InvalidParameter, rulePath + ".direction", $"{label}的方向无效");
                }

                Shortfall(r.Shortfall, r.ZeroDenominator);
                break;
            case BandRule b:
                Metric(b.Numerator, "numerator", required: true);
                Metric(b.Denominator, "denominator", required: false);
                Metric(b.Reference, "reference", required: false);
                Positive(b.Points, "points", "每超出一个单位扣分");
                Positive(b.Step, "step", "计扣步长");
                if (b.Lower is null && b.Upper is null)
                {
                    error(SchemeProblemCodes.InvalidBandBounds, rulePath, $"{label}的区间没有上下限");
                }
                else if (b.Lower > b.Upper)
                {
                    error(SchemeProblemCodes.InvalidBandBounds, rulePath + ".lower", $"{label}的区间下限 {Fmt(b.Lower.Value)} 大于上限 {Fmt(b.Upper!.Value)}");
                }

                Shortfall(b.Shortfall, b.ZeroDenominator);
                break;
            case PerEventRule e:
                Positive(e.Points, "points", "每起扣分");
                break;
            case FixedRule f when f.Mode == FixedMode.Penalty:
                if (f.Points is not { } penalty)
                {
                    error(SchemeProblemCodes.InvalidParameter, rulePath + ".points", $"{label}为固定扣分,但没有给出扣分数");
                }
                else
                {
                    Positive(penalty, "points", "固定扣分");
                    if (penalty > indicator.Max && indicator.Max > 0)
                    {
                        warn(SchemeProblemCodes.PointsAboveMax, rulePath + ".points", $"{label}的固定扣分 {Fmt(penalty)} 分超过其满分 {Fmt(indicator.Max)} 分,最多扣到 0 分");
                    }
                }

                break;
            case FixedRule f when !Enum.IsDefined(f.Mode):
                error(SchemeProblemCodes.InvalidParameter, rulePath + ".mode", $"{label}的固定规则方式无效");
                break;
            case BonusRule bonus:
                Positive(bonus.Points, "points", "每单位加分");
                if (!scheme.AllowBonus)
                {
                    error(SchemeProblemCodes.BonusNotAllowed, rulePath, $"{label}是加分项,但方案没有允许加分(allowBonus)");
                }

                break;
        }
    }

    private static void CheckGrades(EvaluationScheme scheme, Action<string, string, string> error, Action<string, string, string> warn)
    {
        var grades = scheme.Grades ?? [];
        var names = new HashSet<string>(StringComparer.Ordinal);
        var valid = new List<(GradeBand Band, int Index)>();
        for (var g = 0; g < grades.Count; g++)
        {
            var band = grades[g];
            var path = $"$.grades[{g}]";
            if (string.IsNullOrWhiteSpace(band.Name))
            {
                error(SchemeProblemCodes.EmptyName, path + ".name", $"第 {g + 1} 个等级缺少名称");
            }
            else if (!names.Add(band.Name))
            {
                error(SchemeProblemCodes.DuplicateGrade, path + ".name", $"等级“{band.Name}”重复");
            }

            if (band.Min is { } min && band.Below is { } below && min >= below)
            {
                error(SchemeProblemCodes.EmptyGradeBand, path, $"等级“{band.Name}”的范围为空:下限 {Fmt(min)} 分不低于上限(不含){Fmt(below)} 分");
            }
            else
            {
                valid.Add((band, g));
            }
        }

        if (valid.Count == 0)
        {
            return;
        }

        var sorted = valid.OrderBy(v => v.Band.Min ?? decimal.MinValue).ThenBy(v => v.Index).ToList();
        for (var k = 0; k + 1 < sorted.Count; k++)
        {
            var (low, _) = sorted[k];
            var (high, highIndex) = sorted[k + 1];
            var path = $"$.grades[{highIndex}]";
            if (low.Below is not { } lowBelow || high.Min is not { } highMin || lowBelow > highMin)
            {
                error(SchemeProblemCodes.GradeBandsOverlap, path, $"等级“{low.Name}”{Range(low)}与“{high.Name}”{Range(high)}重叠");
            }
            else if (lowBelow < highMin)
            {
                error(SchemeProblemCodes.GradeBandsGap, path, $"等级“{low.Name}”{Range(low)}与“{high.Name}”{Range(high)}之间有空档:{Fmt(lowBelow)}–{Fmt(highMin)} 分不属于任何等级");
            }
        }

        var (lowest, lowestIndex) = sorted[0];
        if (lowest.Min is > 0 and var lowestMin)
        {
            warn(SchemeProblemCodes.GradesUncovered, $"$.grades[{lowestIndex}]", $"低于 {Fmt(lowestMin)} 分的总分不属于任何等级");
        }

        var (highest, highestIndex) = sorted[^1];
        if (highest.Below is { } top && top <= scheme.FullScore)
        {
            warn(SchemeProblemCodes.GradesUncovered, $"$.grades[{highestIndex}]", $"{Fmt(top)} 分及以上的总分不属于任何等级(满分 {Fmt(scheme.FullScore)} 分)");
        }
    }

    private static void CheckPassLine(EvaluationScheme scheme, Action<string, string, string> error)
    {
        if (scheme.PassLine is not { } line)
        {
            return;
        }

        if (line.Score <= 0 || line.Score > scheme.FullScore)
        {
            error(SchemeProblemCodes.InvalidPassLine, "$.passLine.score", $"达标线应在 0–{Fmt(scheme.FullScore)} 分之间,当前为 {Fmt(line.Score)} 分");
        }

        if (line.HeadPenaltyPerPoint < 0 || line.StaffPenaltyPerPoint < 0 || !Enum.IsDefined(line.Shortfall))
        {
            error(SchemeProblemCodes.InvalidPassLine, "$.passLine", "达标线的每分扣罚不能为负数,不足 1 分的计算方式须有效");
        }
    }

    private static string Range(GradeBand band) =>
        (band.Min, band.Below) switch
        {
            ({ } min, { } below) => $"({Fmt(min)}–{Fmt(below)} 分,不含 {Fmt(below)})",
            ({ } min, null) => $"({Fmt(min)} 分及以上)",
            (null, { } below) => $"(低于 {Fmt(below)} 分)",
            _ => "(所有分数)",
        };

    private static string Fmt(decimal value) => ScoreRounding.Format(value);
}
