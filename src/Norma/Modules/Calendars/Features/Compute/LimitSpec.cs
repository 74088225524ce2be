using System.Text.Json;
using System.Text.Json.Serialization;
using Norma.Rules.Calendars;

namespace Norma.Modules.Calendars.Features.Compute;

/// <summary>
/// A time limit as the API accepts it: the compact text ("3wd", "4wh", "30wmin", "48h", "2d") or an object
/// {"amount": 3, "unit": "Days", "basis": "Working"}. Anything unreadable is kept as given and reported as a field error.
/// </summary>
[JsonConverter(typeof(LimitSpecConverter))]
public sealed record LimitSpec(string? Text = null, int? Amount = null, LimitUnit? Unit = null, TimeBasis? Basis = null)
{
    public static LimitSpec Of(TimeLimit limit) => new(null, limit.Amount, limit.Unit, limit.Basis);

    public bool TryGet(out TimeLimit limit)
    {
        if (Text is not null)
        {
            return TimeLimit.TryParse(Text, out limit);
        }

        limit = default;
        if (Amount is not { } amount || amount is <= 0 or > 999_999 || Unit is not { } unit || !Enum.IsDefined(unit) || Basis is not { } basis || !Enum.IsDefined(basis))
        {
            return false;
        }

        limit = new TimeLimit(amount, unit, basis);
        return true;
    }
}

public sealed class LimitSpecConverter : JsonConverter<LimitSpec>
{
    public override LimitSpec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var doc = JsonDocument.ParseValue(ref reader);
        var e = doc.RootElement;
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                return new LimitSpec(e.GetString() ?? "");
            case JsonValueKind.Object:
                int? amount = null;
                LimitUnit? unit = null;
                TimeBasis? basis = null;
                foreach (var p in e.EnumerateObject())
                {
                    switch (p.Name.ToLowerInvariant())
                    {
                        case "amount" when p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt32(out var a):
                            amount = a;
                            break;
                        case "unit":
                            unit = EnumValue<LimitUnit>(p.Value);
                            break;
                        case "basis":
                            basis = EnumValue<TimeBasis>(p.Value);
                            break;
                    }
                }

                return new LimitSpec(null, amount, unit, basis);
            default:
                return new LimitSpec("");
        }
    }

    public override void Write(Utf8JsonWriter writer, LimitSpec value, JsonSerializerOptions options)
    {
        if (value.TryGet(out var limit))
        {
            writer.WriteStringValue(limit.ToString());
        }
        else
        {
            writer.WriteStringValue(value.Text ?? "");
        }
    }

    private static T? EnumValue<T>(JsonElement e)
        where T : struct, Enum =>
        e.ValueKind switch
        {
            JsonValueKind.String when Enum.TryParse<T>(e.GetString(), ignoreCase: true, out var v) && Enum.IsDefined(v) => v,
            JsonValueKind.Number when e.TryGetInt32(out var n) && Enum.IsDefined(typeof(T), n) => (T)(object)n,
            _ => null,
        };
}
