using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Norma.Rules.Catalog;

/// <summary>When a numbering rule's sequence starts again at 1.</summary>
public enum ResetPeriod
{
    Never = 1,
    Yearly = 2,
    Monthly = 3,
    Daily = 4,
}

/// <summary>
/// A case numbering pattern (编号规则), e.g. <c>{unit}{yy}{MM}{dd}{seq:2}</c>, which numbers the design office "A"'s
/// first contract of 2001-01-01 as <c>A01010101</c> (seed 004: "A代表设计室,01代表年,01代表月份,01代表日,01代表本店当日的第一个合同").
/// <para>
/// Tokens: <c>{unit}</c> (the unit code the caller passes), <c>{item}</c> (the service item code), <c>{yyyy}</c>,
/// <c>{yy}</c>, <c>{MM}</c>, <c>{dd}</c> (the local date), <c>{seq:N}</c> (the sequence zero-padded to N digits, N 1–9,
/// exactly once). Anything else is literal text of ASCII letters, digits, '-', '_' and '/'.
/// </para>
/// <para>
/// The sequence resets with the smallest date token: dd → daily, MM → monthly, yy/yyyy → yearly, none → never.
/// So that numbers cannot repeat, a day needs its month and year, and a month its year. The counter itself is kept
/// by the caller under <see cref="PeriodKey"/>; a sequence beyond <see cref="MaxSequence"/> (10^N − 1) cannot be
/// formatted — <see cref="Format"/> throws rather than print a longer, ambiguous number.
/// </para>
/// </summary>
public sealed class NumberingRule
{
    private readonly IReadOnlyList<Part> parts;

    private NumberingRule(string pattern, IReadOnlyList<Part> parts, int sequenceWidth, ResetPeriod reset)
    {
        Pattern = pattern;
        this.parts = parts;
        SequenceWidth = sequenceWidth;
        Reset = reset;
        MaxSequence = (long)Math.Pow(10, sequenceWidth) - 1;
    }

    private enum Token
    {
        Literal,
        Unit,
        Item,
        Year4,
        Year2,
        Month,
        Day,
        Sequence,
    }

    public string Pattern { get; }

    public ResetPeriod Reset { get; }

    /// <summary>The N of <c>{seq:N}</c>.</summary>
    public int SequenceWidth { get; }

    /// <summary>The largest sequence number that fits: 99 for <c>{seq:2}</c>.</summary>
    public long MaxSequence { get; }

    public bool UsesUnit => parts.Any(p => p.Token == Token.Unit);

    public bool UsesItem => parts.Any(p => p.Token == Token.Item);

    public static NumberingRule Parse(string pattern) =>
        TryParse(pattern, out var rule, out var error) ? rule : throw new FormatException(error);

    /// <summary>Parses a pattern; <paramref name="error"/> (Chinese) says what is wrong when it returns false.</summary>
    public static bool TryParse(string? pattern, [NotNullWhen(true)] out NumberingRule? rule, [NotNullWhen(false)] out string? error)
    {
        rule = null;
        error = null;
        if (string.IsNullOrWhiteSpace(pattern))
        {
            error = "编号规则不能为空";
            return false;
        }

        var parts = new List<Part>();
        var literal = new StringBuilder();
        var width = 0;
        var sequences = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '{')
            {
                var close = pattern.IndexOf('}', i + 1);
                if (close < 0)
                {
                    error = $"第 {i + 1} 个字符处的“{{”没有对应的“}}”";
                    return false;
                }

                var name = pattern[(i + 1)..close];
                Token token;
                switch (name)
                {
                    case "unit": token = Token.Unit; break;
                    case "item": token = Token.Item; break;
                    case "yyyy": token = Token.Year4; break;
                    case "yy": token = Token.Year2; break;
                    case "MM": token = Token.Month; break;
                    case "dd": token = Token.Day; break;
                    default:
                        if (name.StartsWith("seq:", StringComparison.Ordinal) && name.Length == 5 && name[4] is >= '1' and <= '9')
                        {
                            token = Token.Sequence;
                            width = name[4] - '0';
                            sequences++;
                            break;
                        }

                        error = name.StartsWith("seq", StringComparison.Ordinal)
                            ? $"流水号应写作 {{seq:N}},N 为 1–9 的位数,如 {{seq:2}};“{{{name}}}”无效"
                            : $"未知的占位符“{{{name}}}”;可用:{{unit}} {{item}} {{yyyy}} {{yy}} {{MM}} {{dd}} {{seq:N}}";
                        return false;
                }

                if (literal.Length > 0)
                {
                    parts.Add(new Part(Token.Literal, literal.ToString()));
                    literal.Clear();
                }

                parts.Add(new Part(token, null));
                i = close;
            }
            else if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '/')
            {
                literal.Append(c);
            }
            else
            {
                error = $"第 {i + 1} 个字符“{c}”不允许;固定文字只能用英文字母、数字、-、_ 和 /";
                return false;
            }
        }

        if (literal.Length > 0)
        {
            parts.Add(new Part(Token.Literal, literal.ToString()));
        }

        if (sequences != 1)
        {
            error = sequences == 0 ? "编号规则必须包含一个流水号 {seq:N}" : "编号规则只能包含一个流水号 {seq:N}";
            return false;
        }

        bool Has(Token t) => parts.Any(p => p.Token == t);
        var hasYear = Has(Token.Year4) || Has(Token.Year2);
        if ((Has(Token.Day) && !Has(Token.Month)) || (Has(Token.Month) && !hasYear))
        {
            error = "日期不完整会使编号重复:用了 {dd} 须同时有 {MM} 和年份,用了 {MM} 须同时有年份({yy} 或 {yyyy})";
            return false;
        }

        var reset = Has(Token.Day) ? ResetPeriod.Daily
            : Has(Token.Month) ? ResetPeriod.Monthly
            : hasYear ? ResetPeriod.Yearly
            : ResetPeriod.Never;
        rule = new NumberingRule(pattern, parts, width, reset);
        return true;
    }

    /// <summary>
    /// The number for the <paramref name="seq"/>-th case of <paramref name="localDate"/>'s period.
    /// Throws <see cref="ArgumentOutOfRangeException"/> when <paramref name="seq"/> is below 1 or above
    /// <see cref="MaxSequence"/>, and <see cref="ArgumentException"/> when a code the pattern uses is empty.
    /// </summary>
    public string Format(string unitCode, string itemCode, DateOnly localDate, long seq)
    {
        if (seq < 1 || seq > MaxSequence)
        {
            throw new ArgumentOutOfRangeException(nameof(seq), seq, $"编号规则 {Pattern} 的流水号须在 1 到 {MaxSequence} 之间({SequenceWidth} 位);本期的编号已用完,请加长流水号位数。");
        }

        if (UsesUnit && string.IsNullOrWhiteSpace(unitCode))
        {
            throw new ArgumentException($"编号规则 {Pattern} 需要部门代码 {{unit}}。", nameof(unitCode));
        }

        if (UsesItem && string.IsNullOrWhiteSpace(itemCode))
        {
            throw new ArgumentException($"编号规则 {Pattern} 需要事项代码 {{item}}。", nameof(itemCode));
        }

        var s = new StringBuilder();
        foreach (var part in parts)
        {
            s.Append(part.Token switch
            {
                Token.Literal => part.Text,
                Token.Unit => unitCode,
                Token.Item => itemCode,
                Token.Year4 => localDate.Year.ToString("D4"),
                Token.Year2 => (localDate.Year % 100).ToString("D2"),
                Token.Month => localDate.Month.ToString("D2"),
                Token.Day => localDate.Day.ToString("D2"),
                _ => seq.ToString("D" + SequenceWidth),
            });
        }

        return s.ToString();
    }

    /// <summary>The key the sequence counter is kept under: "2026-11-23", "2026-11", "2026" or "" (never resets).</summary>
    public string PeriodKey(DateOnly localDate) => Reset switch
    {
        ResetPeriod.Daily => localDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ResetPeriod.Monthly => localDate.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
        ResetPeriod.Yearly => localDate.Year.ToString("D4"),
        _ => "",
    };

    public override string ToString() => Pattern;

    private sealed record Part(Token Token, string? Text);
}
