using System.Text.Json;
using System.Text.Json.Serialization;

namespace Norma.Rules.Calendars;

/// <summary>Writes a <see cref="TimeLimit"/> as its compact string ("8wh", "3wd", "48h") and reads it back with <see cref="TimeLimit.TryParse"/>.</summary>
public sealed class TimeLimitJsonConverter : JsonConverter<TimeLimit>
{
    public override TimeLimit Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A time limit is a string such as \"8wh\", \"3wd\" or \"48h\", not {reader.TokenType}.");
        }

        var text = reader.GetString();
        return TimeLimit.TryParse(text, out var limit)
            ? limit
            : throw new JsonException($"'{text}' is not a time limit such as 30min, 8wh, 3wd or 48h.");
    }

    public override void Write(Utf8JsonWriter writer, TimeLimit value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
