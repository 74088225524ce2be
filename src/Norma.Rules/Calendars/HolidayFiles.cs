using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Norma.Rules.Calendars;

/// <summary>Which kind of holiday file was read.</summary>
public enum HolidayFileFormat
{
    /// <summary>Not recognized (see the problems).</summary>
    Unknown = 0,

    /// <summary>The per-date format of public Chinese holiday datasets (NateScarlet/holiday-cn): <c>{"year":…,"days":[{"name","date","isOffDay"}]}</c>.</summary>
    HolidayCn = 1,

    /// <summary>Norma's own export of a whole calendar definition (<c>"format":"norma-calendar"</c>).</summary>
    Norma = 2,
}

/// <summary>
/// What a holiday file held. <see cref="Days"/> has every day that was read correctly (even when other entries had
/// problems); <see cref="Definition"/> is only set for a Norma file without problems. Use nothing unless
/// <see cref="IsValid"/>.
/// </summary>
public sealed record HolidayFileResult(
    HolidayFileFormat Format,
    IReadOnlyList<SpecialDay> Days,
    CalendarDefinition? Definition,
    string? Name,
    IReadOnlyList<int> Years,
    IReadOnlyList<string> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>
/// Reads and writes holiday files. Reading never throws: every problem is reported with its location, e.g.
/// <c>days[3].date: '2025-13-01' is not a date (yyyy-MM-dd)</c>, or <c>line 4, position 7: …</c> for malformed JSON.
/// <list type="bullet">
/// <item>holiday-cn: one object <c>{"year":2025,"papers":[…],"days":[{"name":"元旦","date":"2025-01-01","isOffDay":true}]}</c>,
/// an array of such objects (one per year; locations start with <c>[i].</c>), or a bare array of day objects.
/// <c>isOffDay</c> true is a <see cref="DayKind.Holiday"/>, false a <see cref="DayKind.Workday"/> (调休). Other
/// properties are ignored.</item>
/// <item>norma-calendar, version 1 (see <see cref="Export"/>): unknown properties are problems, so typos do not pass
/// silently.</item>
/// </list>
/// A date listed twice is a problem, whether with the same kind or with conflicting kinds.
/// </summary>
public static class HolidayFiles
{
    public const string NormaFormatName = "norma-calendar";
    public const int NormaFormatVersion = 1;

    private static readonly string[] DayKeys = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
    private static readonly int[] ExportOrder = [1, 2, 3, 4, 5, 6, 0];

    public static HolidayFileResult Parse(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var reader = new StreamReader(utf8Json, Encoding.UTF8);
        return Parse(reader.ReadToEnd());
    }

    public static HolidayFileResult Parse(string? json)
    {
        var reader = new Reader();
        if (string.IsNullOrWhiteSpace(json))
        {
            reader.Problems.Add("line 1, position 1: the file is empty");
            return reader.Result(HolidayFileFormat.Unknown);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0);
            reader.Problems.Add($"line {line + 1}, position {CharPosition(json, line, ex.BytePositionInLine ?? 0) + 1}: malformed JSON ({Reason(ex)})");
            return reader.Result(HolidayFileFormat.Unknown);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("format", out _))
            {
                return reader.ReadNorma(root);
            }

            if (root.ValueKind == JsonValueKind.Object)
            {
                reader.ReadYear(root, "");
                return reader.Result(HolidayFileFormat.HolidayCn);
            }

            if (root.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in root.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object && (item.TryGetProperty("days", out _) || item.TryGetProperty("year", out _)))
                    {
                        reader.ReadYear(item, $"[{i}].");
                    }
                    else
                    {
                        reader.ReadCnDay(item, $"[{i}]");
                    }

                    i++;
                }

                return reader.Result(HolidayFileFormat.HolidayCn);
            }

            reader.Problems.Add($"$: expected an object or an array, found {Kind(root)}");
            return reader.Result(HolidayFileFormat.Unknown);
        }
    }

    /// <summary>
    /// Writes a definition as a norma-calendar file (UTF-8 JSON, indented, Chinese kept readable):
    /// <code>
    /// {
    ///   "format": "norma-calendar", "formatVersion": 1, "name": "…", "utcOffset": "+08:00", "alwaysOpen": false,
    ///   "week": { "monday": ["08:30-12:00", "14:30-18:00"], …, "saturday": [], "sunday": [] },
    ///   "adjustedWorkdayHours": ["08:30-12:00", "14:30-18:00"],
    ///   "specialDays": [ { "date": "2025-01-01", "kind": "holiday", "name": "元旦" }, … ]
    /// }
    /// </code>
    /// Special days are written in date order. <see cref="Parse(string)"/> reads the file back to an equal definition.
    /// </summary>
    public static string Export(CalendarDefinition definition, string name)
    {
        ArgumentNullException.ThrowIfNull(definition);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("format", NormaFormatName);
            w.WriteNumber("formatVersion", NormaFormatVersion);
            w.WriteString("name", name);
            w.WriteString("utcOffset", FormatOffset(definition.UtcOffset));
            w.WriteBoolean("alwaysOpen", definition.AlwaysOpen);
            w.WriteStartObject("week");
            foreach (var d in ExportOrder)
            {
                WriteIntervals(w, DayKeys[d], definition.Week[d]);
            }

            w.WriteEndObject();
            WriteIntervals(w, "adjustedWorkdayHours", definition.AdjustedWorkdayHours);
            w.WriteStartArray("specialDays");
            foreach (var s in definition.SpecialDays.OrderBy(s => s.Date))
            {
                w.WriteStartObject();
                w.WriteString("date", s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteString("kind", CalendarDefinition.KindName(s.Kind));
                w.WriteString("name", s.Name);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>"+08:00", "-05:30", "+00:00".</summary>
    public static string FormatOffset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hh\\:mm", CultureInfo.InvariantCulture);

    /// <summary>Parses "+08:00" or "-05:30" (sign, two-digit hours and minutes).</summary>
    public static bool TryParseOffset(string? text, out TimeSpan offset)
    {
        offset = default;
        if (text is not { Length: 6 } || text[0] is not ('+' or '-') || text[3] != ':'
            || !int.TryParse(text.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || !int.TryParse(text.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || h > 14 || m > 59)
        {
            return false;
        }

        offset = new TimeSpan(h, m, 0) * (text[0] == '-' ? -1 : 1);
        return true;
    }

    private static void WriteIntervals(Utf8JsonWriter w, string property, IReadOnlyList<WorkInterval> intervals)
    {
        w.WriteStartArray(property);
        foreach (var iv in intervals)
        {
            w.WriteStringValue(iv.ToString());
        }

        w.WriteEndArray();
    }

    /// <summary>The reader counts UTF-8 bytes within a line; people count characters (元旦 is 6 bytes, 2 characters).</summary>
    private static long CharPosition(string json, int line, long bytePosition)
    {
        var lines = json.Split('\n');
        if (line >= lines.Length)
        {
            return bytePosition;
        }

        var bytes = Encoding.UTF8.GetBytes(lines[line]);
        return Encoding.UTF8.GetCharCount(bytes, 0, (int)Math.Min(bytePosition, bytes.Length));
    }

    private static string Reason(JsonException ex)
    {
        var message = ex.Message;
        foreach (var marker in new[] { " Path:", " LineNumber:" })
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at > 0)
            {
                message = message[..at];
            }
        }

        return message.Trim().TrimEnd('.', ' ', '|');
    }

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string '{e.GetString()}'",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        _ => "null",
    };

    private sealed class Reader
    {
        private readonly Dictionary<DateOnly, (DayKind Kind, string Where)> _seen = [];
        private readonly SortedSet<int> _years = [];

        public List<string> Problems { get; } = [];

        public List<SpecialDay> Days { get; } = [];

        public HolidayFileResult Result(HolidayFileFormat format, CalendarDefinition? definition = null, string? name = null)
        {
            var years = _years.Count > 0 ? _years.ToList() : Days.Select(d => d.Date.Year).Distinct().Order().ToList();
            return new HolidayFileResult(format, Days, Problems.Count == 0 ? definition : null, name, years, Problems);
        }

        public void ReadYear(JsonElement year, string prefix)
        {
            if (year.TryGetProperty("year", out var y))
            {
                if (y.ValueKind == JsonValueKind.Number && y.TryGetInt32(out var value) && value is >= 1900 and <= 2199)
                {
                    _years.Add(value);
                }
                else
                {
                    Problems.Add($"{prefix}year: {Kind(y)} is not a year");
                }
            }

            if (!year.TryGetProperty("days", out var days))
            {
                Problems.Add($"{prefix}days: missing");
                return;
            }

            if (days.ValueKind != JsonValueKind.Array)
            {
                Problems.Add($"{prefix}days: expected an array, found {Kind(days)}");
                return;
            }

            var i = 0;
            foreach (var day in days.EnumerateArray())
            {
                ReadCnDay(day, $"{prefix}days[{i++}]");
            }
        }

        public void ReadCnDay(JsonElement day, string where)
        {
            if (day.ValueKind != JsonValueKind.Object)
            {
                Problems.Add($"{where}: expected a day object, found {Kind(day)}");
                return;
            }

            var ok = TryName(day, where, "name", out var name);
            ok &= TryDate(day, where, out var date);
            DayKind kind = default;
            if (!day.TryGetProperty("isOffDay", out var off))
            {
                Problems.Add($"{where}.isOffDay: missing");
                ok = false;
            }
            else if (off.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                Problems.Add($"{where}.isOffDay: expected true or false, found {Kind(off)}");
                ok = false;
            }
            else
            {
                kind = off.GetBoolean() ? DayKind.Holiday : DayKind.Workday;
            }

            if (ok)
            {
                Add(new SpecialDay(date, kind, name), where);
            }
        }

        public HolidayFileResult ReadNorma(JsonElement root)
        {
            string? name = null;
            var offset = TimeSpan.Zero;
            var alwaysOpen = false;
            var week = new IReadOnlyList<WorkInterval>[7];
            IReadOnlyList<WorkInterval>? adjusted = null;
            var sawWeek = false;
            var sawOffset = false;
            foreach (var p in root.EnumerateObject())
            {
                var v = p.Value;
                switch (p.Name)
                {
                    case "format":
                        if (v.ValueKind != JsonValueKind.String || v.GetString() != NormaFormatName)
                        {
                            Problems.Add($"format: expected '{NormaFormatName}', found {Kind(v)}");
                            return Result(HolidayFileFormat.Unknown);
                        }

                        break;
                    case "formatVersion":
                        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var version) || version != NormaFormatVersion)
                        {
                            Problems.Add($"formatVersion: {Kind(v)} is not supported (this version reads {NormaFormatVersion})");
                            return Result(HolidayFileFormat.Norma);
                        }

                        break;
                    case "name":
                        if (v.ValueKind == JsonValueKind.String)
                        {
                            name = v.GetString();
                        }
                        else if (v.ValueKind != JsonValueKind.Null)
                        {
                            Problems.Add($"name: expected a string, found {Kind(v)}");
                        }

                        break;
                    case "utcOffset":
                        sawOffset = true;
                        if (v.ValueKind != JsonValueKind.String || !TryParseOffset(v.GetString(), out offset))
                        {
                            Problems.Add($"utcOffset: {Kind(v)} is not an offset such as +08:00");
                        }

                        break;
                    case "alwaysOpen":
                        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False)
                        {
                            alwaysOpen = v.GetBoolean();
                        }
                        else
                        {
                            Problems.Add($"alwaysOpen: expected true or false, found {Kind(v)}");
                        }

                        break;
                    case "week":
                        sawWeek = true;
                        ReadWeek(v, week);
                        break;
                    case "adjustedWorkdayHours":
                        adjusted = ReadIntervals(v, "adjustedWorkdayHours");
                        break;
                    case "specialDays":
                        ReadSpecialDays(v);
                        break;
                    default:
                        Problems.Add($"{p.Name}: not a property of a {NormaFormatName} file");
                        break;
                }
            }

            if (!root.TryGetProperty("formatVersion", out _))
            {
                Problems.Add("formatVersion: missing");
            }

            if (!sawOffset)
            {
                Problems.Add("utcOffset: missing");
            }

            IReadOnlyList<WorkInterval> allDay = [new WorkInterval(0, WorkInterval.MinutesPerDay)];
            if (!sawWeek && !alwaysOpen)
            {
                Problems.Add("week: missing");
            }

            if (adjusted is null && !root.TryGetProperty("adjustedWorkdayHours", out _))
            {
                if (alwaysOpen)
                {
                    adjusted = allDay;
                }
                else
                {
                    Problems.Add("adjustedWorkdayHours: missing");
                }
            }

            for (var d = 0; d < 7; d++)
            {
                week[d] ??= sawWeek || !alwaysOpen ? [] : allDay;
            }

            var definition = new CalendarDefinition(alwaysOpen, week, adjusted ?? [], Days, offset);
            if (Problems.Count == 0)
            {
                Problems.AddRange(definition.Validate());
            }

            return Result(HolidayFileFormat.Norma, definition, name);
        }

        private void ReadWeek(JsonElement week, IReadOnlyList<WorkInterval>[] into)
        {
            if (week.ValueKind != JsonValueKind.Object)
            {
                Problems.Add($"week: expected an object with monday … sunday, found {Kind(week)}");
                return;
            }

            foreach (var p in week.EnumerateObject())
            {
                var d = Array.IndexOf(DayKeys, p.Name);
                if (d < 0)
                {
                    Problems.Add($"week.{p.Name}: not a day of the week (monday … sunday)");
                    continue;
                }

                into[d] = ReadIntervals(p.Value, $"week.{p.Name}") ?? [];
            }
        }

        private List<WorkInterval>? ReadIntervals(JsonElement list, string where)
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                Problems.Add($"{where}: expected an array such as [\"08:30-12:00\"], found {Kind(list)}");
                return null;
            }

            var intervals = new List<WorkInterval>();
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && WorkInterval.TryParse(item.GetString(), out var iv))
                {
                    intervals.Add(iv);
                }
                else
                {
                    Problems.Add($"{where}[{i}]: {Kind(item)} is not a time range such as 08:30-12:00");
                }

                i++;
            }

            return intervals;
        }

        private void ReadSpecialDays(JsonElement list)
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                Problems.Add($"specialDays: expected an array, found {Kind(list)}");
                return;
            }

            var i = 0;
            foreach (var day in list.EnumerateArray())
            {
                var where = $"specialDays[{i++}]";
                if (day.ValueKind != JsonValueKind.Object)
                {
                    Problems.Add($"{where}: expected an object, found {Kind(day)}");
                    continue;
                }

                var ok = TryDate(day, where, out var date);
                ok &= TryName(day, where, "name", out var name);
                DayKind kind = default;
                var k = day.TryGetProperty("kind", out var kv) && kv.ValueKind == JsonValueKind.String ? kv.GetString() : null;
                switch (k)
                {
                    case "holiday":
                        kind = DayKind.Holiday;
                        break;
                    case "workday":
                        kind = DayKind.Workday;
                        break;
                    default:
                        Problems.Add(kv.ValueKind == JsonValueKind.Undefined
                            ? $"{where}.kind: missing"
                            : $"{where}.kind: {Kind(kv)} is not holiday or workday");
                        ok = false;
                        break;
                }

                foreach (var p in day.EnumerateObject())
                {
                    if (p.Name is not ("date" or "kind" or "name"))
                    {
                        Problems.Add($"{where}.{p.Name}: not a property of a special day (date, kind, name)");
                    }
                }

                if (ok)
                {
                    Add(new SpecialDay(date, kind, name), where);
                }
            }
        }

        private bool TryName(JsonElement day, string where, string property, out string name)
        {
            name = "";
            if (!day.TryGetProperty(property, out var n))
            {
                Problems.Add($"{where}.{property}: missing");
                return false;
            }

            if (n.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(n.GetString()))
            {
                Problems.Add($"{where}.{property}: expected a non-empty string, found {Kind(n)}");
                return false;
            }

            name = n.GetString()!.Trim();
            return true;
        }

        private bool TryDate(JsonElement day, string where, out DateOnly date)
        {
            date = default;
            if (!day.TryGetProperty("date", out var d))
            {
                Problems.Add($"{where}.date: missing");
                return false;
            }

            if (d.ValueKind != JsonValueKind.String
                || !DateOnly.TryParseExact(d.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            {
                Problems.Add(d.ValueKind == JsonValueKind.String
                    ? $"{where}.date: '{d.GetString()}' is not a date (yyyy-MM-dd)"
                    : $"{where}.date: {Kind(d)} is not a date (yyyy-MM-dd)");
                return false;
            }

            if (date < CalendarDefinition.EarliestSpecialDay || date > CalendarDefinition.LatestSpecialDay)
            {
                Problems.Add($"{where}.date: {date:yyyy-MM-dd} is outside {CalendarDefinition.EarliestSpecialDay:yyyy}–{CalendarDefinition.LatestSpecialDay:yyyy}");
                return false;
            }

            return true;
        }

        private void Add(SpecialDay day, string where)
        {
            if (_seen.TryGetValue(day.Date, out var earlier))
            {
                Problems.Add(earlier.Kind == day.Kind
                    ? $"{where}.date: {day.Date:yyyy-MM-dd} appears twice (also {earlier.Where})"
                    : $"{where}.date: {day.Date:yyyy-MM-dd} is both {CalendarDefinition.KindName(earlier.Kind)} ({earlier.Where}) and {CalendarDefinition.KindName(day.Kind)}");
                return;
            }

            _seen[day.Date] = (day.Kind, where);
            Days.Add(day);
        }
    }
}
