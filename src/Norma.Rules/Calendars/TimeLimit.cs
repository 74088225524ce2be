using System.Text.Json.Serialization;

namespace Norma.Rules.Calendars;

public enum LimitUnit
{
    Minutes = 1,
    Hours = 2,
    Days = 3,
}

/// <summary>Whether a limit counts the calendar's working time or plain (natural) time.</summary>
public enum TimeBasis
{
    Working = 1,
    Natural = 2,
}

/// <summary>
/// A time limit such as "4 working hours", "3 working days" (end of the third working day after the start day)
/// or "48 natural hours". Used by commitments (服务承诺) and process steps alike.
/// </summary>
[JsonConverter(typeof(TimeLimitJsonConverter))]
public readonly record struct TimeLimit(int Amount, LimitUnit Unit, TimeBasis Basis)
{
    public bool IsDayBased => Unit == LimitUnit.Days;

    /// <summary>The limit as a duration for minute/hour limits; day limits have no fixed length.</summary>
    public TimeSpan Duration => Unit switch
    {
        LimitUnit.Minutes => TimeSpan.FromMinutes(Amount),
        LimitUnit.Hours => TimeSpan.FromHours(Amount),
        _ => throw new InvalidOperationException("A day-based limit has no fixed duration."),
    };

    /// <summary>Compact form used in files and the API: "4h", "3wd" … see <see cref="TryParse"/>.</summary>
    public override string ToString() => $"{Amount}{(Basis == TimeBasis.Working ? "w" : "")}{Unit switch { LimitUnit.Minutes => "min", LimitUnit.Hours => "h", _ => "d" }}";

    /// <summary>Parses "30min", "4h", "2d" (natural) and "30wmin", "8wh", "3wd" (working).</summary>
    public static bool TryParse(string? text, out TimeLimit limit)
    {
        limit = default;
        var s = text?.Trim().ToLowerInvariant() ?? "";
        var digits = 0;
        while (digits < s.Length && char.IsAsciiDigit(s[digits]))
        {
            digits++;
        }

        if (digits == 0 || digits > 6 || !int.TryParse(s.AsSpan(0, digits), out var amount) || amount <= 0)
        {
            return false;
        }

        var rest = s[digits..];
        var basis = TimeBasis.Natural;
        if (rest.StartsWith('w'))
        {
            basis = TimeBasis.Working;
            rest = rest[1..];
        }

        LimitUnit? unit = rest switch { "min" => LimitUnit.Minutes, "h" => LimitUnit.Hours, "d" => LimitUnit.Days, _ => null };
        if (unit is null)
        {
            return false;
        }

        limit = new TimeLimit(amount, unit.Value, basis);
        return true;
    }
}
