using System.Text.Json;

namespace Norma.Rules.Json;

/// <summary>The shape-problem codes every hand-walked JSON format reports (each re-exports them under its own <c>Codes</c>).</summary>
internal static class JsonShapeCodes
{
    public const string Syntax = "json-syntax";
    public const string WrongType = "json-wrong-type";
    public const string MissingProperty = "json-missing-property";
    public const string UnknownProperty = "json-unknown-property";
    public const string DuplicateProperty = "json-duplicate-property";
    public const string InvalidValue = "json-invalid-value";
}

/// <summary>
/// The shared walk of a parsed JSON document for formats that report every shape problem with its JSONPath, line
/// and column instead of throwing (process definitions, evaluation schemes). A format derives from it, reads its
/// objects with these helpers and turns each problem into its own public problem record.
/// </summary>
internal abstract class JsonShapeReader<TProblem>(TextPositions? text, Dictionary<string, long>? offsets)
{
    public List<TProblem> Problems { get; } = [];

    /// <summary>Builds the format's problem record.</summary>
    protected abstract TProblem CreateProblem(string code, string path, int line, int column, string message);

    /// <summary>
    /// Parses <paramref name="json"/> leniently (comments, trailing commas), or returns the syntax error located by
    /// line and character column (the parser reports bytes).
    /// </summary>
    public static JsonDocument? TryParse(string json, TextPositions text, out (string Path, int Line, int Column, string Message) error)
    {
        try
        {
            error = default;
            return JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0);
            var column = text.ColumnOfBytePosition(line, (int)(ex.BytePositionInLine ?? 0));
            var detail = ex.Message;
            var cut = detail.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0)
            {
                detail = detail[..cut];
            }

            error = (ex.Path ?? "$", line + 1, column, $"JSON 语法错误,无法解析({detail})");
            return null;
        }
    }

    /// <summary>The object's properties by name, or null (with a problem) when it is not an object.</summary>
    protected Dictionary<string, JsonElement>? ReadObject(JsonElement element, string path, string what, string[] known)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Add(JsonShapeCodes.WrongType, path, path, $"{what}应为 JSON 对象({{…}}),实际为{KindName(element.ValueKind)}");
            return null;
        }

        var props = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var p in element.EnumerateObject())
        {
            var propPath = JsonPaths.Child(path, p.Name);
            if (!known.Contains(p.Name, StringComparer.Ordinal))
            {
                Add(JsonShapeCodes.UnknownProperty, propPath, propPath, $"未知属性 \"{p.Name}\";{what}可用的属性:{string.Join("、", known)}");
            }
            else if (!props.TryAdd(p.Name, p.Value))
            {
                Add(JsonShapeCodes.DuplicateProperty, propPath, propPath, $"属性 \"{p.Name}\" 重复出现");
            }
        }

        return props;
    }

    protected JsonElement? Required(Dictionary<string, JsonElement> props, string objectPath, string name)
    {
        if (props.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            return value;
        }

        Add(JsonShapeCodes.MissingProperty, JsonPaths.Child(objectPath, name), objectPath, $"缺少必填属性 \"{name}\"");
        return null;
    }

    protected static JsonElement? Optional(Dictionary<string, JsonElement> props, string name) =>
        props.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    protected List<T>? ReadArray<T>(JsonElement element, string path, Func<JsonElement, string, T?> readItem)
        where T : class
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            Add(JsonShapeCodes.WrongType, path, path, $"应为数组([…]),实际为{KindName(element.ValueKind)}");
            return null;
        }

        var items = new List<T>();
        var ok = true;
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            var value = readItem(item, $"{path}[{i++}]");
            ok &= value is not null;
            if (value is not null)
            {
                items.Add(value);
            }
        }

        return ok ? items : null;
    }

    protected List<string>? StringArray(JsonElement element, string path) =>
        ReadArray(element, path, (e, p) => String(e, p));

    protected string? String(JsonElement? element, string path)
    {
        if (element is not { } e)
        {
            return null;
        }

        if (e.ValueKind == JsonValueKind.String)
        {
            return e.GetString();
        }

        Add(JsonShapeCodes.WrongType, path, path, $"应为字符串,实际为{KindName(e.ValueKind)}");
        return null;
    }

    protected bool Bool(JsonElement element, string path)
    {
        if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return element.GetBoolean();
        }

        Add(JsonShapeCodes.WrongType, path, path, $"应为 true 或 false,实际为{KindName(element.ValueKind)}");
        return false;
    }

    /// <summary>A JSON number as a decimal (exact as written: 10.0 keeps its scale, so it serializes back as 10.0).</summary>
    protected decimal? Number(JsonElement? element, string path)
    {
        if (element is not { } e)
        {
            return null;
        }

        if (e.ValueKind == JsonValueKind.Number && e.TryGetDecimal(out var value))
        {
            return value;
        }

        Add(e.ValueKind == JsonValueKind.Number ? JsonShapeCodes.InvalidValue : JsonShapeCodes.WrongType, path, path, $"应为数字,实际为{(e.ValueKind == JsonValueKind.Number ? "超出范围的数字 " + e.GetRawText() : KindName(e.ValueKind))}");
        return null;
    }

    protected int? Integer(JsonElement? element, string path)
    {
        if (element is not { } e)
        {
            return null;
        }

        if (e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var value))
        {
            return value;
        }

        Add(e.ValueKind == JsonValueKind.Number ? JsonShapeCodes.InvalidValue : JsonShapeCodes.WrongType, path, path, $"应为整数,实际为{(e.ValueKind == JsonValueKind.Number ? e.GetRawText() : KindName(e.ValueKind))}");
        return null;
    }

    /// <summary>An enum written as its camelCase name (read case-insensitively); integers are refused.</summary>
    protected T? Enum<T>(JsonElement element, string path)
        where T : struct, Enum
    {
        var names = System.Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName).ToArray();
        if (element.ValueKind == JsonValueKind.String)
        {
            var s = element.GetString();
            var match = names.FirstOrDefault(n => string.Equals(n, s, StringComparison.OrdinalIgnoreCase));
            if (match is not null && System.Enum.TryParse<T>(match, ignoreCase: true, out var value))
            {
                return value;
            }
        }

        Add(JsonShapeCodes.InvalidValue, path, path, $"无效的取值 {element.GetRawText()};可用的取值:{string.Join("、", names.Select(n => $"\"{n}\""))}");
        return null;
    }

    /// <summary>Records a problem at <paramref name="path"/>, located where <paramref name="locatedAt"/> starts in the text.</summary>
    protected void Add(string code, string path, string locatedAt, string message)
    {
        var (line, column) = text is not null && offsets is not null && offsets.TryGetValue(locatedAt, out var offset) ? text.LineAndColumn(offset) : (1, 1);
        Problems.Add(CreateProblem(code, path, line, column, message));
    }

    protected static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "对象",
        JsonValueKind.Array => "数组",
        JsonValueKind.String => "字符串",
        JsonValueKind.Number => "数字",
        JsonValueKind.True or JsonValueKind.False => "布尔值",
        JsonValueKind.Null => " null",
        _ => "空",
    };
}
