namespace Norma.Rules.Evaluation;

/// <summary>The codes of <see cref="InputProblem"/>s.</summary>
public static class InputProblemCodes
{
    public const string DuplicateSubject = "duplicate-subject";
    public const string UnknownPosition = "unknown-position";
    public const string UnknownIndicator = "unknown-indicator";
    public const string DuplicateIndicatorInput = "duplicate-indicator-input";
    public const string MissingData = "missing-data";
    public const string InvalidInput = "invalid-input";
    public const string ManualNoteMissing = "manual-note-missing";
    public const string SampleTooSmall = "sample-too-small";
    public const string NothingToScore = "nothing-to-score";
}

/// <summary>
/// Scores subjects against a scheme. Pure and deterministic: no clock, no I/O, no dependence on the order of the
/// inputs (subjects, households, dictionary entries); linear in the number of subjects × indicators.
/// <para>
/// Per subject: each indicator's rule gives a score (rounded, see <see cref="ScoreRounding"/>); sections sum them;
/// the total is Σ counted scores × basis / Σ counted maxima, where basis is 100 under
/// <see cref="TotalPolicy.NormalizeTo100"/> and the sum of all maxima otherwise (so not-applicable indicators are
/// rescaled away), plus bonuses. Then grades, the pass line, unit and overseer averages, and ranks.
/// </para>
/// </summary>
public static class SchemeEngine
{
    public static EvaluationResult Compute(EvaluationScheme scheme, EvaluationInputs inputs)
    {
        var schemeProblems = SchemeValidator.Validate(scheme).Problems;
        var problems = new List<InputProblem>();
        var positions = CompilePositions(scheme);
        var references = inputs.References ?? new Dictionary<string, decimal>();

        var subjects = (inputs.Subjects ?? []).Where(s => s is not null).ToList();
        var keyCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in subjects)
        {
            keyCounts[s.Key ?? ""] = keyCounts.GetValueOrDefault(s.Key ?? "") + 1;
        }

        subjects.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        var results = new List<SubjectResult>(subjects.Count);
        string? lastDuplicate = null;
        foreach (var subject in subjects)
        {
            var key = subject.Key ?? "";
            if (keyCounts[key] > 1)
            {
                if (lastDuplicate != key)
                {
                    problems.Add(new(InputProblemCodes.DuplicateSubject, ProblemSeverity.Error, key, null, $"测评对象标识“{key}”出现 {keyCounts[key]} 次,均未计分"));
                    lastDuplicate = key;
                }

                continue;
            }

            if (subject.Position is null || !positions.TryGetValue(subject.Position, out var position))
            {
                problems.Add(new(InputProblemCodes.UnknownPosition, ProblemSeverity.Error, key, null, $"测评对象“{subject.Name}”的岗位“{subject.Position}”不在方案中,未计分"));
                continue;
            }

            results.Add(new SubjectScorer(scheme, position, subject, references, problems).Score());
        }

        var ranked = RankSubjects(results);
        var units = ComputeUnits(scheme, ranked);
        var overseers = scheme.OverseerAverage ? ComputeOverseers(ranked, units) : [];
        return new EvaluationResult(scheme.Code, scheme.Version, ranked, units, overseers, schemeProblems, problems);
    }

    /// <summary>The steps charged for a shortfall under a fractional policy (as is, ceiling, floor).</summary>
    internal static decimal Charge(decimal shortfall, ShortfallPolicy policy) => policy switch
    {
        ShortfallPolicy.StartedPoint => Math.Ceiling(shortfall),
        ShortfallPolicy.WholePoint => Math.Floor(shortfall),
        _ => shortfall,
    };

    private static Dictionary<string, CompiledPosition> CompilePositions(EvaluationScheme scheme)
    {
        var positions = new Dictionary<string, CompiledPosition>(StringComparer.Ordinal);
        foreach (var position in scheme.Positions ?? [])
        {
            if (position?.Key is null || positions.ContainsKey(position.Key))
            {
                continue;
            }

            var indicators = new List<CompiledIndicator>();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var sections = position.Sections ?? [];
            var sizes = new int[sections.Count];
            for (var s = 0; s < sections.Count; s++)
            {
                foreach (var indicator in sections[s].Indicators ?? [])
                {
                    if (indicator?.Key is null || indicator.Rule is null || !index.TryAdd(indicator.Key, indicators.Count))
                    {
                        continue;
                    }

                    var itemKeys = indicator.Rule is DeductionRule { Items.Count: > 0 } d
                        ? d.Items.Select(i => i.Key).ToHashSet(StringComparer.Ordinal)
                        : null;
                    indicators.Add(new CompiledIndicator(indicator, s, sizes[s]++, itemKeys));
                }
            }

            var allMax = indicators.Where(i => i.Indicator.Rule is not BonusRule).Sum(i => i.Indicator.Max);
            positions.Add(position.Key, new CompiledPosition(position, [.. indicators], sizes, index, allMax));
        }

        return positions;
    }

    private static List<SubjectResult> RankSubjects(List<SubjectResult> results)
    {
        var ranks = CompetitionRanks(results, r => r.Total, r => r.Key);
        var positionRanks = new Dictionary<SubjectResult, int>(ReferenceEqualityComparer.Instance);
        foreach (var group in results.GroupBy(r => r.Position, StringComparer.Ordinal))
        {
            foreach (var (result, rank) in CompetitionRanks(group.ToList(), r => r.Total, r => r.Key))
            {
                positionRanks[result] = rank;
            }
        }

        return [.. ranks.Select(p => p.Item with { Rank = p.Rank, PositionRank = positionRanks[p.Item] })];
    }

    private static List<UnitResult> ComputeUnits(EvaluationScheme scheme, List<SubjectResult> subjects)
    {
        var units = new List<UnitResult>();
        foreach (var group in subjects.Where(s => s.UnitKey is not null).GroupBy(s => s.UnitKey!, StringComparer.Ordinal))
        {
            var members = group.OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
            var average = ScoreRounding.Round(members.Sum(m => m.Total) / members.Count);
            var (below, head) = (0m, 0m);
            if (scheme.PassLine is { } line && average < line.Score)
            {
                below = line.Score - average;
                head = line.HeadPenaltyPerPoint is { } per ? ScoreRounding.Round(Charge(below, line.Shortfall) * per) : 0m;
            }

            units.Add(new UnitResult
            {
                Key = group.Key,
                Name = members.Select(m => m.UnitName).FirstOrDefault(n => n is not null),
                Members = members.Count,
                Average = average,
                Grade = Grade(scheme, average),
                Rank = 0,
                Overseers = [.. members.Select(m => m.OverseerKey).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                BelowLine = below,
                HeadDeduction = head,
            });
        }

        return [.. CompetitionRanks(units, u => u.Average, u => u.Key).Select(p => p.Item with { Rank = p.Rank })];
    }

    private static List<OverseerResult> ComputeOverseers(List<SubjectResult> subjects, List<UnitResult> units)
    {
        var unitAverages = units.ToDictionary(u => u.Key, u => u.Average, StringComparer.Ordinal);
        var overseers = new List<OverseerResult>();
        foreach (var group in subjects.Where(s => s.OverseerKey is not null && s.UnitKey is not null).GroupBy(s => s.OverseerKey!, StringComparer.Ordinal))
        {
            var unitKeys = group.Select(s => s.UnitKey!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var average = ScoreRounding.Round(unitKeys.Sum(u => unitAverages[u]) / unitKeys.Count);
            var name = group.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.OverseerName).FirstOrDefault(n => n is not null);
            overseers.Add(new OverseerResult(group.Key, name, unitKeys, average, 0));
        }

        return [.. CompetitionRanks(overseers, o => o.Average, o => o.Key).Select(p => p.Item with { Rank = p.Rank })];
    }

    /// <summary>Standard competition ranking ("1224") by score descending; equal scores share a rank and are listed by key.</summary>
    internal static List<(T Item, int Rank)> CompetitionRanks<T>(IReadOnlyList<T> items, Func<T, decimal> score, Func<T, string> key)
    {
        var ordered = items.OrderByDescending(score).ThenBy(key, StringComparer.Ordinal).ToList();
        var ranked = new List<(T, int)>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var rank = i > 0 && score(ordered[i]) == score(ordered[i - 1]) ? ranked[i - 1].Item2 : i + 1;
            ranked.Add((ordered[i], rank));
        }

        return ranked;
    }

    internal static string? Grade(EvaluationScheme scheme, decimal score) =>
        (scheme.Grades ?? []).FirstOrDefault(g => g.Contains(score))?.Name;

    private sealed record CompiledIndicator(Indicator Indicator, int Section, int IndexInSection, HashSet<string>? ItemKeys);

    private sealed record CompiledPosition(Position Position, CompiledIndicator[] Indicators, int[] SectionSizes, Dictionary<string, int> Index, decimal AllMax);

    /// <summary>Scores one subject; problems go to the shared list in indicator order.</summary>
    private sealed class SubjectScorer(EvaluationScheme scheme, CompiledPosition position, SubjectInput subject, IReadOnlyDictionary<string, decimal> references, List<InputProblem> problems)
    {
        private IndicatorInput? input;
        private CompiledIndicator current = null!;

        public SubjectResult Score()
        {
            var indicators = position.Indicators;
            var slots = new IndicatorInput?[indicators.Length];
            var duplicates = new bool[indicators.Length];
            foreach (var given in subject.Indicators ?? [])
            {
                if (given?.Indicator is null || !position.Index.TryGetValue(given.Indicator, out var slot))
                {
                    problems.Add(new(InputProblemCodes.UnknownIndicator, ProblemSeverity.Error, subject.Key, given?.Indicator, $"“{subject.Name}”的数据中有方案岗位“{position.Position.Name}”没有的指标“{given?.Indicator}”"));
                    continue;
                }

                duplicates[slot] |= slots[slot] is not null;
                slots[slot] = given;
            }

            var sections = position.Position.Sections;
            var perSection = new IndicatorResult[sections.Count][];
            for (var s = 0; s < perSection.Length; s++)
            {
                perSection[s] = new IndicatorResult[position.SectionSizes[s]];
            }

            decimal raw = 0, applicable = 0, bonus = 0;
            for (var i = 0; i < indicators.Length; i++)
            {
                current = indicators[i];
                input = slots[i];
                var result = duplicates[i]
                    ? Unusable(IndicatorStatus.Invalid, $"指标“{current.Indicator.Name}”的数据重复提供", InputProblemCodes.DuplicateIndicatorInput)
                    : ScoreIndicator();
                perSection[current.Section][current.IndexInSection] = result;
                if (!result.Counted)
                {
                    continue;
                }

                if (current.Indicator.Rule is BonusRule)
                {
                    bonus += result.Score;
                }
                else
                {
                    raw += result.Score;
                    applicable += result.Max;
                }
            }

            var sectionResults = new SectionResult[sections.Count];
            for (var s = 0; s < sections.Count; s++)
            {
                decimal score = 0, max = 0, sectionBonus = 0;
                foreach (var r in perSection[s])
                {
                    if (!r.Counted)
                    {
                        continue;
                    }

                    if (r.Kind == RuleKind.Bonus)
                    {
                        sectionBonus += r.Score;
                    }
                    else
                    {
                        score += r.Score;
                        max += r.Max;
                    }
                }

                sectionResults[s] = new SectionResult(sections[s].Key, sections[s].Name, score, max, sectionBonus, perSection[s]);
            }

            var basis = scheme.TotalPolicy == TotalPolicy.NormalizeTo100 ? 100m : position.AllMax;
            if (applicable == 0)
            {
                problems.Add(new(InputProblemCodes.NothingToScore, ProblemSeverity.Error, subject.Key, null, $"“{subject.Name}”没有可计分的指标(全部不适用或无数据)"));
            }

            var scaled = applicable == 0 ? 0 : raw * basis / applicable;
            var total = scaled + bonus;
            if (!scheme.BonusAboveTotal && total > basis)
            {
                total = basis;
            }

            total = ScoreRounding.Round(total);
            var line = scheme.PassLine;
            var below = line is not null && total < line.Score ? line.Score - total : 0m;
            var unitKey = subject.UnitKey ?? (scheme.Subject == SubjectKind.Unit ? subject.Key : null);
            return new SubjectResult
            {
                Key = subject.Key,
                Name = subject.Name,
                Position = position.Position.Key,
                PositionName = position.Position.Name,
                UnitKey = unitKey,
                UnitName = subject.UnitName ?? (scheme.Subject == SubjectKind.Unit && subject.UnitKey is null ? subject.Name : null),
                OverseerKey = subject.OverseerKey,
                OverseerName = subject.OverseerName,
                Sections = sectionResults,
                RawScore = raw,
                ApplicableMax = applicable,
                Basis = basis,
                Bonus = bonus,
                Total = total,
                Grade = SchemeEngine.Grade(scheme, total),
                Rank = 0,
                PositionRank = 0,
                BelowLine = below,
                BelowLineDeduction = below > 0 && line?.StaffPenaltyPerPoint is { } per && scheme.Subject == SubjectKind.Staff
                    ? ScoreRounding.Round(Charge(below, line.Shortfall) * per)
                    : 0m,
            };
        }

        private IndicatorResult ScoreIndicator()
        {
            var indicator = current.Indicator;
            if (input is null)
            {
                return Unusable(IndicatorStatus.NoData, "没有提供数据", InputProblemCodes.MissingData);
            }

            return indicator.Rule switch
            {
                DeductionRule d => d.PerHousehold ? ScoreHouseholds(d) : ScoreDeduction(d),
                RateRule r => ScoreRate(r),
                BandRule b => ScoreBand(b),
                PerEventRule e => ScoreEvents(e),
                FixedRule f => ScoreFixed(f),
                ManualRule m => ScoreManual(m),
                BonusRule b => ScoreBonus(b),
                _ => Unusable(IndicatorStatus.Invalid, "计分规则无效", InputProblemCodes.InvalidInput),
            };
        }

        private IndicatorResult ScoreDeduction(DeductionRule rule)
        {
            decimal deduction, nonconformities;
            List<ItemTally>? tallies = null;
            if (rule.Items is not { Count: > 0 })
            {
                if (input!.Count is not { } count)
                {
                    return Unusable(IndicatorStatus.NoData, "缺少不符项数(count)", InputProblemCodes.MissingData);
                }

                if (count < 0)
                {
                    return Negative("不符项数", count);
                }

                (deduction, nonconformities) = (rule.Points * count, count);
            }
            else
            {
                if (input!.ItemCounts is not { } counts)
                {
                    return Unusable(IndicatorStatus.NoData, "缺少各检查项的不符项数(itemCounts)", InputProblemCodes.MissingData);
                }

                var totals = new decimal[rule.Items.Count];
                if (TallyItems(rule, counts, totals, out deduction, out nonconformities) is { } invalid)
                {
                    return invalid;
                }

                tallies = Tallies(rule, totals);
            }

            var max = current.Indicator.Max;
            return Scored(Math.Max(0, max - deduction), new DeductionExplanation(nonconformities, rule.Points, deduction, deduction > max) { Items = tallies });
        }

        private IndicatorResult ScoreHouseholds(DeductionRule rule)
        {
            if (input!.Households is not { Count: > 0 } households)
            {
                return Unusable(IndicatorStatus.NoData, "没有抽查户的检查结果(households)", InputProblemCodes.MissingData);
            }

            var max = current.Indicator.Max;
            var hasItems = rule.Items is { Count: > 0 };
            var totals = hasItems ? new decimal[rule.Items.Count] : null;
            var scores = new HouseholdScore[households.Count];
            decimal sum = 0, nonconformities = 0, uncapped = 0;
            var capped = false;
            for (var h = 0; h < scores.Length; h++)
            {
                var household = households[h];
                decimal deduction;
                if (!hasItems)
                {
                    if (household?.Count is not { } count)
                    {
                        return Unusable(IndicatorStatus.NoData, $"抽查户“{household?.Household}”缺少不符项数(count)", InputProblemCodes.MissingData);
                    }

                    if (count < 0)
                    {
                        return Negative($"抽查户“{household.Household}”的不符项数", count);
                    }

                    deduction = rule.Points * count;
                    nonconformities += count;
                }
                else
                {
                    if (household?.ItemCounts is not { } counts)
                    {
                        return Unusable(IndicatorStatus.NoData, $"抽查户“{household?.Household}”缺少各检查项的不符项数(itemCounts)", InputProblemCodes.MissingData);
                    }

                    if (TallyItems(rule, counts, totals!, out deduction, out var found) is { } invalid)
                    {
                        return invalid;
                    }

                    nonconformities += found;
                }

                var score = Math.Max(0, max - deduction);
                capped |= deduction > max;
                uncapped += deduction;
                sum += score;
                scores[h] = new HouseholdScore(household.Household ?? "", score);
            }

            // Listed by household key whatever the input order (usually already in order: no sort then).
            for (var h = 1; h < scores.Length; h++)
            {
                if (CompareHouseholds(scores[h - 1], scores[h]) > 0)
                {
                    Array.Sort(scores, CompareHouseholds);
                    break;
                }
            }

            if (scheme.Sampling is { } sampling && subject.AreaCustomers is { } customers && households.Count < sampling.SampleSize(customers))
            {
                problems.Add(new(InputProblemCodes.SampleTooSmall, ProblemSeverity.Warning, subject.Key, current.Indicator.Key,
                    $"“{subject.Name}”的指标“{current.Indicator.Name}”只抽查了 {households.Count} 户,按 {ScoreRounding.FormatFigure(sampling.Percent)} % 抽样({customers} 户)应至少抽查 {sampling.SampleSize(customers)} 户"));
            }

            return Scored(sum / households.Count, new DeductionExplanation(nonconformities, rule.Points, uncapped, capped)
            {
                Items = totals is null ? null : Tallies(rule, totals),
                Households = scores,
            });
        }

        private static int CompareHouseholds(HouseholdScore a, HouseholdScore b) =>
            string.CompareOrdinal(a.Household, b.Household) is var c && c != 0 ? c : a.Score.CompareTo(b.Score);

        /// <summary>
        /// Adds one check's counts per item to <paramref name="totals"/> and gives its deduction; an unknown item key or
        /// a negative count makes the input invalid. Looks items up rather than enumerating the dictionary, which is
        /// only walked (to name the strays) when it holds keys the rule does not know.
        /// </summary>
        private IndicatorResult? TallyItems(DeductionRule rule, IReadOnlyDictionary<string, decimal> counts, decimal[] totals, out decimal deduction, out decimal nonconformities)
        {
            (deduction, nonconformities) = (0, 0);
            var found = 0;
            for (var k = 0; k < rule.Items.Count; k++)
            {
                var item = rule.Items[k];
                if (!counts.TryGetValue(item.Key, out var count))
                {
                    continue;
                }

                found++;
                if (count < 0)
                {
                    return Negative($"检查项“{item.Key}”的不符项数", count);
                }

                deduction += (item.Points ?? rule.Points) * count;
                nonconformities += count;
                totals[k] += count;
            }

            if (found == counts.Count)
            {
                return null;
            }

            var unknown = counts.Keys.Where(key => !current.ItemKeys!.Contains(key)).Order(StringComparer.Ordinal).ToList();
            return unknown.Count == 0
                ? null
                : Unusable(IndicatorStatus.Invalid, $"检查项 {string.Join("、", unknown.Select(k => $"“{k}”"))} 不在方案中", InputProblemCodes.InvalidInput);
        }

        private static List<ItemTally>? Tallies(DeductionRule rule, decimal[] totals)
        {
            List<ItemTally>? tallies = null;
            for (var k = 0; k < totals.Length; k++)
            {
                if (totals[k] != 0)
                {
                    (tallies ??= []).Add(new ItemTally(rule.Items[k].Key, rule.Items[k].Name, totals[k], rule.Items[k].Points ?? rule.Points));
                }
            }

            return tallies;
        }

        private IndicatorResult ScoreRate(RateRule rule)
        {
            if (ReadMeasure(rule.Numerator, rule.Denominator) is not { } measure)
            {
                return Missing(rule.Numerator, rule.Denominator);
            }

            var (numerator, denominator) = measure;
            if (numerator < 0 || denominator < 0)
            {
                return Negative("数据项", numerator < 0 ? numerator : denominator!.Value);
            }

            var target = rule.TargetMetric is not null && Figure(rule.TargetMetric) is { } t ? t : rule.Target;
            if (denominator == 0)
            {
                var none = new StepCharge(0, rule.Step, rule.Shortfall, 0, rule.Points, 0, false);
                return ZeroDenominator(rule.ZeroDenominator, new RateExplanation(numerator, denominator, null, target, rule.Direction, none));
            }

            var value = denominator is { } d ? numerator * 100 / d : numerator;
            var (charge, score) = Step(rule.Direction == RateDirection.AtLeast ? target - value : value - target, rule.Step, rule.Shortfall, rule.Points);
            return Scored(score, new RateExplanation(numerator, denominator, value, target, rule.Direction, charge));
        }

        private IndicatorResult ScoreBand(BandRule rule)
        {
            if (ReadMeasure(rule.Numerator, rule.Denominator) is not { } measure)
            {
                return Missing(rule.Numerator, rule.Denominator);
            }

            var (numerator, denominator) = measure;
            decimal? reference = null;
            if (rule.Reference is not null)
            {
                reference = Figure(rule.Reference);
                if (reference is null)
                {
                    return Unusable(IndicatorStatus.NoData, $"缺少参照数据项 {rule.Reference}", InputProblemCodes.MissingData);
                }

                if (reference <= 0)
                {
                    return Unusable(IndicatorStatus.Invalid, $"参照数据项 {rule.Reference} 为 {ScoreRounding.FormatFigure(reference.Value)},应为正数", InputProblemCodes.InvalidInput);
                }
            }

            if (denominator == 0)
            {
                var none = new StepCharge(0, rule.Step, rule.Shortfall, 0, rule.Points, 0, false);
                return ZeroDenominator(rule.ZeroDenominator, new BandExplanation(numerator, denominator, null, reference, null, rule.Lower, rule.Upper, null, none));
            }

            var raw = denominator is { } d ? numerator / d : numerator;
            var value = reference is { } r ? raw * 100 / r : raw;
            var (bound, gap) =
                rule.Lower is { } lower && value < lower ? (lower, lower - value)
                : rule.Upper is { } upper && value > upper ? (upper, value - upper)
                : ((decimal?)null, 0m);
            var (charge, score) = Step(gap, rule.Step, rule.Shortfall, rule.Points);
            return Scored(score, new BandExplanation(numerator, denominator, raw, reference, value, rule.Lower, rule.Upper, bound, charge));
        }

        /// <summary>
        /// Points lost per step of <paramref name="gap"/> (0 or less: full marks), capped at the maximum. The deduction
        /// is rounded, not the score, so the line reads "扣 0.05 分,得 9.95 分" rather than 9.96.
        /// </summary>
        private (StepCharge Charge, decimal Score) Step(decimal gap, decimal step, ShortfallPolicy policy, decimal points)
        {
            var max = current.Indicator.Max;
            if (gap <= 0)
            {
                return (new StepCharge(0, step, policy, 0, points, 0, false), max);
            }

            var steps = Charge(gap / step, policy);
            var deduction = steps * points;
            return (new StepCharge(gap, step, policy, steps, points, deduction, deduction > max), Math.Max(0, max - ScoreRounding.Round(deduction)));
        }

        private IndicatorResult ZeroDenominator(ZeroDenominatorOutcome outcome, ScoreExplanation explanation) => outcome switch
        {
            ZeroDenominatorOutcome.FullMarks => Scored(current.Indicator.Max, explanation),
            ZeroDenominatorOutcome.Zero => Scored(0, explanation),
            _ => Result(IndicatorStatus.NotApplicable, counted: false, 0, explanation),
        };

        private IndicatorResult ScoreEvents(PerEventRule rule)
        {
            if (input!.Count is not { } count)
            {
                return Unusable(IndicatorStatus.NoData, "缺少发生起数(count)", InputProblemCodes.MissingData);
            }

            if (count < 0)
            {
                return Negative("发生起数", count);
            }

            var max = current.Indicator.Max;
            var deduction = rule.Points * count;
            return Scored(Math.Max(0, max - deduction), new CountExplanation(count, rule.Points, deduction, deduction > max));
        }

        private IndicatorResult ScoreFixed(FixedRule rule)
        {
            if (input!.Count is not { } count)
            {
                return Unusable(IndicatorStatus.NoData, "缺少发生次数(count;是/否填 1/0)", InputProblemCodes.MissingData);
            }

            if (count < 0)
            {
                return Negative("发生次数", count);
            }

            var max = current.Indicator.Max;
            var deduction = count == 0 ? 0 : rule.Mode == FixedMode.AllOrNothing ? max : rule.Points ?? 0;
            return Scored(Math.Max(0, max - deduction), new CountExplanation(count, rule.Points, deduction, deduction > max) { Mode = rule.Mode });
        }

        private IndicatorResult ScoreManual(ManualRule rule)
        {
            if (input!.Score is not { } score)
            {
                return Unusable(IndicatorStatus.NoData, "缺少评分(score)", InputProblemCodes.MissingData);
            }

            if (rule.RequireNote && string.IsNullOrWhiteSpace(input.Note))
            {
                return Unusable(IndicatorStatus.Invalid, $"评分 {ScoreRounding.Format(score)} 分没有附评分依据(note)", InputProblemCodes.ManualNoteMissing);
            }

            var max = current.Indicator.Max;
            if (score < 0 || score > max)
            {
                return Unusable(IndicatorStatus.Invalid, $"评分 {ScoreRounding.FormatFigure(score)} 分超出 0–{ScoreRounding.Format(max)} 分", InputProblemCodes.InvalidInput);
            }

            return Scored(score, new ManualExplanation(input.Note));
        }

        private IndicatorResult ScoreBonus(BonusRule rule)
        {
            if (input!.Count is not { } count)
            {
                return Unusable(IndicatorStatus.NoData, "缺少加分数量(count)", InputProblemCodes.MissingData);
            }

            if (count < 0)
            {
                return Negative("加分数量", count);
            }

            var max = current.Indicator.Max;
            var bonus = rule.Points * count;
            return Result(IndicatorStatus.Scored, counted: true, ScoreRounding.Round(Math.Min(bonus, max)), new CountExplanation(count, rule.Points, bonus, bonus > max));
        }

        private (decimal Numerator, decimal? Denominator)? ReadMeasure(string numeratorName, string? denominatorName)
        {
            var numerator = Figure(numeratorName);
            decimal? denominator = null;
            if (denominatorName is not null)
            {
                denominator = Figure(denominatorName);
                if (denominator is null)
                {
                    return null;
                }
            }

            return numerator is { } n ? (n, denominator) : null;
        }

        private decimal? Figure(string? name) =>
            name is null ? null
            : input?.Figures is { } figures && figures.TryGetValue(name, out var value) ? value
            : references.TryGetValue(name, out var shared) ? shared
            : null;

        private IndicatorResult Missing(string numerator, string? denominator)
        {
            var names = new[] { numerator, denominator }.Where(n => n is not null && Figure(n) is null);
            return Unusable(IndicatorStatus.NoData, $"缺少数据项 {string.Join("、", names)}", InputProblemCodes.MissingData);
        }

        private IndicatorResult Negative(string what, decimal value) =>
            Unusable(IndicatorStatus.Invalid, $"{what}为负数({ScoreRounding.FormatFigure(value)})", InputProblemCodes.InvalidInput);

        private IndicatorResult Scored(decimal score, ScoreExplanation explanation) =>
            Result(IndicatorStatus.Scored, counted: true, ScoreRounding.Round(score), explanation);

        /// <summary>无数据 or invalid input: reported, and counted as the scheme's <see cref="MissingDataPolicy"/> says (never as full marks).</summary>
        private IndicatorResult Unusable(IndicatorStatus status, string problem, string code)
        {
            var policy = scheme.MissingData;
            var severity = status == IndicatorStatus.Invalid || policy == MissingDataPolicy.Error ? ProblemSeverity.Error : ProblemSeverity.Warning;
            var indicator = current.Indicator;
            var label = status == IndicatorStatus.NoData ? "无数据" : "数据有误";
            problems.Add(new(code, severity, subject.Key, indicator.Key, $"“{subject.Name}”的指标“{indicator.Name}”{label}:{problem}"));
            return Result(status, counted: policy != MissingDataPolicy.NotApplicable, 0, new UnscoredExplanation(problem, policy));
        }

        private IndicatorResult Result(IndicatorStatus status, bool counted, decimal score, ScoreExplanation explanation)
        {
            var indicator = current.Indicator;
            return new IndicatorResult(indicator.Key, indicator.Name, indicator.Clause, indicator.Source, indicator.Rule?.Kind ?? RuleKind.Manual, status, counted, indicator.Max, score, explanation)
            {
                Evidence = input?.Evidence,
            };
        }
    }
}
