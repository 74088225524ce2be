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
                    indicators.Add(new CompiledIndicator(indicator, s, itemKeys));
                }
            }

            var allMax = indicators.Where(i => i.Indicator.Rule is not BonusRule).Sum(i => i.Indicator.Max);
            positions.Add(position.Key, new CompiledPosition(position, [.. indicators], index, allMax));
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

    private sealed record CompiledIndicator(Indicator Indicator, int Section, HashSet<string>? ItemKeys);

    private sealed record CompiledPosition(Position Position, CompiledIndicator[] Indicators, Dictionary<string, int> Index, decimal AllMax);

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
            var perSection = new List<IndicatorResult>[sections.Count];
            for (var s = 0; s < perSection.Length; s++)
            {
                perSection[s] = new List<IndicatorResult>(sections[s].Indicators?.Count ?? 0);
            }

            decimal raw = 0, applicable = 0, bonus = 0;
            for (var i = 0; i < indicators.Length; i++)
            {
                current = indicators[i];
                input = slots[i];
                var result = duplicates[i]
                    ? Unusable(IndicatorStatus.Invalid, $"指标“{current.Indicator.Name}”的数据重复提供", InputProblemCodes.DuplicateIndicatorInput)
                    : ScoreIndicator();
                perSection[current.Section].Add(result);
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

                    if (r.Explanation.Kind == RuleKind.Bonus)
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
                Factor = applicable == 0 ? 0 : basis / applicable,
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
            var max = current.Indicator.Max;
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

                var deduction = rule.Points * count;
                return Scored(Math.Max(0, max - deduction), new ScoreExplanation(RuleKind.Deduction, IndicatorStatus.Scored)
                {
                    Count = count,
                    Points = rule.Points,
                    Uncapped = deduction,
                    Capped = deduction > max,
                });
            }

            if (input!.ItemCounts is not { } counts)
            {
                return Unusable(IndicatorStatus.NoData, "缺少各检查项的不符项数(itemCounts)", InputProblemCodes.MissingData);
            }

            if (CheckCounts(counts) is { } invalid)
            {
                return invalid;
            }

            var tallies = new List<ItemTally>();
            decimal total = 0, nonconformities = 0;
            foreach (var item in rule.Items)
            {
                if (counts.TryGetValue(item.Key, out var c) && c != 0)
                {
                    var points = item.Points ?? rule.Points;
                    tallies.Add(new ItemTally(item.Key, item.Name, c, points));
                    total += points * c;
                    nonconformities += c;
                }
            }

            return Scored(Math.Max(0, max - total), new ScoreExplanation(RuleKind.Deduction, IndicatorStatus.Scored)
            {
                Count = nonconformities,
                Points = rule.Points,
                Uncapped = total,
                Capped = total > max,
                Items = tallies,
            });
        }

        private IndicatorResult ScoreHouseholds(DeductionRule rule)
        {
            var max = current.Indicator.Max;
            if (input!.Households is not { Count: > 0 } households)
            {
                return Unusable(IndicatorStatus.NoData, "没有抽查户的检查结果(households)", InputProblemCodes.MissingData);
            }

            var hasItems = rule.Items is { Count: > 0 };
            var itemTotals = hasItems ? new decimal[rule.Items.Count] : null;
            var scores = new List<HouseholdScore>(households.Count);
            decimal sum = 0, nonconformities = 0, uncapped = 0;
            var capped = false;
            foreach (var household in households)
            {
                decimal deduction = 0;
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

                    if (CheckCounts(counts) is { } invalid)
                    {
                        return invalid;
                    }

                    for (var k = 0; k < rule.Items.Count; k++)
                    {
                        var item = rule.Items[k];
                        if (counts.TryGetValue(item.Key, out var c) && c != 0)
                        {
                            deduction += (item.Points ?? rule.Points) * c;
                            itemTotals![k] += c;
                            nonconformities += c;
                        }
                    }
                }

                var score = Math.Max(0, max - deduction);
                capped |= deduction > max;
                uncapped += deduction;
                sum += score;
                scores.Add(new HouseholdScore(household.Household ?? "", score));
            }

            scores.Sort(static (a, b) => string.CompareOrdinal(a.Household, b.Household) is var c && c != 0 ? c : a.Score.CompareTo(b.Score));
            List<ItemTally>? tallies = null;
            if (hasItems)
            {
                tallies = [];
                for (var k = 0; k < rule.Items.Count; k++)
                {
                    if (itemTotals![k] != 0)
                    {
                        tallies.Add(new ItemTally(rule.Items[k].Key, rule.Items[k].Name, itemTotals[k], rule.Items[k].Points ?? rule.Points));
                    }
                }
            }

            if (scheme.Sampling is { } sampling && subject.AreaCustomers is { } customers && households.Count < sampling.SampleSize(customers))
            {
                problems.Add(new(InputProblemCodes.SampleTooSmall, ProblemSeverity.Warning, subject.Key, current.Indicator.Key,
                    $"“{subject.Name}”的指标“{current.Indicator.Name}”只抽查了 {households.Count} 户,按 {ScoreRounding.FormatFigure(sampling.Percent)} % 抽样({customers} 户)应至少抽查 {sampling.SampleSize(customers)} 户"));
            }

            return Scored(sum / households.Count, new ScoreExplanation(RuleKind.Deduction, IndicatorStatus.Scored)
            {
                Count = nonconformities,
                Points = rule.Points,
                Uncapped = uncapped,
                Capped = capped,
                Items = tallies,
                Households = scores,
            });
        }

        private IndicatorResult? CheckCounts(IReadOnlyDictionary<string, decimal> counts)
        {
            List<string>? unknown = null;
            foreach (var (key, count) in counts)
            {
                if (!current.ItemKeys!.Contains(key))
                {
                    (unknown ??= []).Add(key);
                }
                else if (count < 0)
                {
                    return Negative($"检查项“{key}”的不符项数", count);
                }
            }

            return unknown is null
                ? null
                : Unusable(IndicatorStatus.Invalid, $"检查项 {string.Join("、", unknown.Order(StringComparer.Ordinal).Select(k => $"“{k}”"))} 不在方案中", InputProblemCodes.InvalidInput);
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
            var explanation = new ScoreExplanation(RuleKind.Rate, IndicatorStatus.Scored)
            {
                Numerator = numerator,
                Denominator = denominator,
                Target = target,
                Direction = rule.Direction,
                Step = rule.Step,
                Shortfall = rule.Shortfall,
                Points = rule.Points,
            };
            if (denominator == 0)
            {
                return ZeroDenominator(rule.ZeroDenominator, explanation);
            }

            var value = denominator is { } d ? numerator * 100 / d : numerator;
            var gap = rule.Direction == RateDirection.AtLeast ? target - value : value - target;
            return Stepped(explanation with { Value = value }, gap, rule.Step, rule.Shortfall, rule.Points);
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

            var explanation = new ScoreExplanation(RuleKind.Band, IndicatorStatus.Scored)
            {
                Numerator = numerator,
                Denominator = denominator,
                Reference = reference,
                Lower = rule.Lower,
                Upper = rule.Upper,
                Step = rule.Step,
                Shortfall = rule.Shortfall,
                Points = rule.Points,
            };
            if (denominator == 0)
            {
                return ZeroDenominator(rule.ZeroDenominator, explanation);
            }

            var raw = denominator is { } d ? numerator / d : numerator;
            var value = reference is { } r ? raw * 100 / r : raw;
            explanation = explanation with { RawValue = raw, Value = value };
            if (rule.Lower is { } lower && value < lower)
            {
                return Stepped(explanation with { Target = lower, Direction = RateDirection.AtLeast }, lower - value, rule.Step, rule.Shortfall, rule.Points);
            }

            if (rule.Upper is { } upper && value > upper)
            {
                return Stepped(explanation with { Target = upper, Direction = RateDirection.AtMost }, value - upper, rule.Step, rule.Shortfall, rule.Points);
            }

            return Stepped(explanation, 0, rule.Step, rule.Shortfall, rule.Points);
        }

        /// <summary>Points lost per step of <paramref name="gap"/> (0 or less: full marks), capped at the maximum.</summary>
        private IndicatorResult Stepped(ScoreExplanation explanation, decimal gap, decimal step, ShortfallPolicy policy, decimal points)
        {
            var max = current.Indicator.Max;
            if (gap <= 0)
            {
                return Scored(max, explanation with { Gap = 0, Steps = 0, Uncapped = 0 });
            }

            // The deduction is rounded, not the score, so the line reads "扣 0.05 分,得 9.95 分" rather than 9.96.
            var steps = Charge(gap / step, policy);
            var deduction = steps * points;
            return Scored(Math.Max(0, max - ScoreRounding.Round(deduction)), explanation with { Gap = gap, Steps = steps, Uncapped = deduction, Capped = deduction > max });
        }

        private IndicatorResult ZeroDenominator(ZeroDenominatorOutcome outcome, ScoreExplanation explanation)
        {
            explanation = explanation with { ZeroDenominator = true };
            return outcome switch
            {
                ZeroDenominatorOutcome.FullMarks => Scored(current.Indicator.Max, explanation),
                ZeroDenominatorOutcome.Zero => Scored(0, explanation),
                _ => Result(IndicatorStatus.NotApplicable, counted: false, 0, explanation with { Status = IndicatorStatus.NotApplicable }),
            };
        }

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
            return Scored(Math.Max(0, max - deduction), new ScoreExplanation(RuleKind.PerEvent, IndicatorStatus.Scored)
            {
                Count = count,
                Points = rule.Points,
                Uncapped = deduction,
                Capped = deduction > max,
            });
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
            var explanation = new ScoreExplanation(RuleKind.Fixed, IndicatorStatus.Scored) { Count = count, Mode = rule.Mode, Points = rule.Points };
            if (count == 0)
            {
                return Scored(max, explanation with { Uncapped = 0 });
            }

            var deduction = rule.Mode == FixedMode.AllOrNothing ? max : rule.Points ?? 0;
            return Scored(Math.Max(0, max - deduction), explanation with { Uncapped = deduction, Capped = deduction > max });
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

            return Scored(score, new ScoreExplanation(RuleKind.Manual, IndicatorStatus.Scored) { Value = score, Note = input.Note });
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
            var explanation = new ScoreExplanation(RuleKind.Bonus, IndicatorStatus.Scored) { Count = count, Points = rule.Points, Uncapped = bonus, Capped = bonus > max };
            return Result(IndicatorStatus.Scored, counted: true, ScoreRounding.Round(Math.Min(bonus, max)), explanation, deduction: 0);
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
            var explanation = new ScoreExplanation(indicator.Rule?.Kind ?? RuleKind.Manual, status) { Problem = problem, MissingAs = policy };
            return Result(status, counted: policy != MissingDataPolicy.NotApplicable, 0, explanation);
        }

        private IndicatorResult Result(IndicatorStatus status, bool counted, decimal score, ScoreExplanation explanation, decimal? deduction = null)
        {
            var indicator = current.Indicator;
            var isBonus = indicator.Rule is BonusRule;
            return new IndicatorResult(
                indicator.Key,
                indicator.Name,
                indicator.Clause,
                indicator.Source,
                status,
                counted,
                indicator.Max,
                score,
                deduction ?? (isBonus || !counted ? 0 : indicator.Max - score),
                explanation)
            {
                Evidence = input?.Evidence,
            };
        }
    }
}
