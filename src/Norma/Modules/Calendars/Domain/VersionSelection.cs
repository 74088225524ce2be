namespace Norma.Modules.Calendars.Domain;

/// <summary>A version's number and the local date from which it is in force.</summary>
public readonly record struct VersionKey(int Number, DateOnly EffectiveFrom);

/// <summary>Which calendar version answers a question about a given local date.</summary>
public static class VersionSelection
{
    /// <summary>
    /// The version with the latest <see cref="VersionKey.EffectiveFrom"/> on or before the date; of several from the same
    /// date, the highest number (the later edit). A date before every version gets the earliest version, so that a
    /// computation never fails for lack of history. Null only when there are no versions.
    /// </summary>
    public static int? InForce(IEnumerable<VersionKey> versions, DateOnly localDate)
    {
        VersionKey? best = null;
        VersionKey? earliest = null;
        foreach (var v in versions)
        {
            if (v.EffectiveFrom <= localDate && (best is not { } b || v.EffectiveFrom > b.EffectiveFrom || (v.EffectiveFrom == b.EffectiveFrom && v.Number > b.Number)))
            {
                best = v;
            }

            if (earliest is not { } e || v.EffectiveFrom < e.EffectiveFrom || (v.EffectiveFrom == e.EffectiveFrom && v.Number > e.Number))
            {
                earliest = v;
            }
        }

        return (best ?? earliest)?.Number;
    }
}
