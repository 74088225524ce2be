using System.Globalization;

namespace Norma.Rules.Evaluation;

/// <summary>
/// The one rounding rule: all arithmetic is in <see cref="decimal"/> (no binary floating point, so the same inputs
/// give the same digits everywhere), and every figure that is published — an indicator score, a total, an average,
/// a stepped deduction, a below-line deduction — is rounded to <see cref="Decimals"/> places, half away from zero, where it is formed.
/// Sums are taken over rounded parts, so what is shown adds up to what is shown. Rescaling multiplies before it
/// divides (score × 100 / 120), so an exact half is not lost to a repeating factor.
/// </summary>
public static class ScoreRounding
{
    public const int Decimals = 2;

    public static decimal Round(decimal value) => Math.Round(value, Decimals, MidpointRounding.AwayFromZero);

    /// <summary>A score for text: rounded, without trailing zeros ("34", "5.2", "83.33").</summary>
    public static string Format(decimal value) =>
        Round(value).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A percentage for text: at least one decimal, two at most ("97.0", "97.35") — four below 1 % ("0.025"), where two would hide the figure.</summary>
    public static string FormatPercent(decimal value) =>
        value != 0 && Math.Abs(value) < 1
            ? Math.Round(value, 4, MidpointRounding.AwayFromZero).ToString("0.0###", CultureInfo.InvariantCulture)
            : Round(value).ToString("0.0#", CultureInfo.InvariantCulture);

    /// <summary>A figure that may need more places (a ratio such as 1.25, a 0.005 % target): up to 4 decimals.</summary>
    internal static string FormatFigure(decimal value) =>
        Math.Round(value, 4, MidpointRounding.AwayFromZero).ToString("0.####", CultureInfo.InvariantCulture);
}
