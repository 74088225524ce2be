using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Norma.Rules.Calendars;
using Norma.Rules.Json;

namespace Norma.Rules.Processes;

/// <summary>
/// A problem in process-definition JSON, at an exact place: <see cref="Path"/> in JSONPath form
/// (<c>$.steps[2].timeLimit</c>) and the 1-based <see cref="Line"/> and <see cref="Column"/> (in characters) where
/// the offending value — or, for a missing property, its object — starts. <see cref="Code"/> is stable English;
/// <see cref="Message"/> is Chinese.
/// </summary>
public sealed record ProcessJsonProblem(string Code, string Path, int Line, int Column, string Message)
{
    public override string ToString() => $"{Path} (第 {Line} 行第 {Column} 列): {Message}";
}

/// <summary>The outcome of <see cref="ProcessJson.Parse"/>: a definition, or the problems (never both).</summary>
public sealed record ProcessParseResult(ProcessDefinition? Definition, IReadOnlyList<ProcessJsonProblem> Problems)
{
    [MemberNotNullWhen(true, nameof(Definition))]
    public bool Succeeded => Definition is not null;
}

/// <summary>
/// The JSON form of a <see cref="ProcessDefinition"/>: camelCase properties, enums as camelCase strings
/// ("role", "longText"), time limits as their compact string ("8wh"), null and default values (false, null)
/// omitted. <see cref="Parse"/> never throws on bad input: it reports every shape problem it finds with its
/// location. Structural rules (reachability, joins …) are <see cref="ProcessValidator"/>'s job.
/// </summary>
public static class ProcessJson
{
    /// <summary>Problem codes <see cref="Parse"/> reports.</summary>
    public static class Codes
    {
        public const string Syntax = "json-syntax";
        public const string WrongType = "json-wrong-type";
        public const string MissingProperty = "json-missing-property";
        public const string UnknownProperty = "json-unknown-property";
        public const string DuplicateProperty = "json-duplicate-property";
        public const string InvalidValue = "json-invalid-value";
    }

    /// <summary>Serializer options for the format (read-only). Usable with <see cref="JsonSerializer"/> directly, e.g. for storage.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions(indented: false);

    /// <summary>The same as <see cref="Options"/>, indented: for files people read.</summary>
    public static JsonSerializerOptions IndentedOptions { get; } = CreateOptions(indented: true);

    public static string Serialize(ProcessDefinition definition, bool indented = false) =>
        JsonSerializer.Serialize(definition, indented ? IndentedOptions : Options);

    /// <summary>Parses or throws a <see cref="FormatException"/> listing the problems; see <see cref="Parse"/>.</summary>
    public static ProcessDefinition Deserialize(string json)
    {
        var result = Parse(json);
        return result.Succeeded
            ? result.Definition
            : throw new FormatException("流程定义 JSON 有误:" + string.Join("; ", result.Problems));
    }

    /// <summary>Parses a definition, collecting every problem (syntax errors stop at the first).</summary>
    public static ProcessParseResult Parse(string? json)
    {
        json ??= "";
        var text = new TextPositions(json);
        var document = DefinitionReader.TryParse(json, text, out var error);
        if (document is null)
        {
            return new ProcessParseResult(null, [new ProcessJsonProblem(Codes.Syntax, error.Path, error.Line, error.Column, error.Message)]);
        }

        using (document)
        {
            var reader = new DefinitionReader(text, JsonPaths.Offsets(json));
            var definition = reader.ReadDefinition(document.RootElement);
            return reader.Problems.Count == 0
                ? new ProcessParseResult(definition, [])
                : new ProcessParseResult(null, reader.Problems);
        }
    }

    private static JsonSerializerOptions CreateOptions(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            RespectNullableAnnotations = true,
            WriteIndented = indented,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new TimeLimitJsonConverter());
        options.Converters.Add(new ProcessDefinitionJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>
    /// Lets <see cref="JsonSerializer"/> read definitions exactly as <see cref="Parse"/> does (defaults for left-out
    /// optional properties, the same checks), throwing a <see cref="JsonException"/> that lists the problems.
    /// </summary>
    public sealed class ProcessDefinitionJsonConverter : JsonConverter<ProcessDefinition>
    {
        public override ProcessDefinition Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            var definitionReader = new DefinitionReader(null, null);
            var definition = definitionReader.ReadDefinition(document.RootElement);
            return definitionReader.Problems.Count == 0
                ? definition
                : throw new JsonException("Invalid process definition: " + string.Join("; ", definitionReader.Problems.Select(p => $"{p.Path}: {p.Message}")));
        }

        public override void Write(Utf8JsonWriter writer, ProcessDefinition value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("steps");
            // Always the documented format (camelCase, enum strings, compact limits, defaults left out), whoever serializes.
            JsonSerializer.Serialize(writer, value.Steps, Options);
            writer.WriteEndObject();
        }
    }

    /// <summary>Walks the parsed document by hand so that every problem is reported, each with its path.</summary>
    private sealed class DefinitionReader(TextPositions? text, Dictionary<string, long>? offsets)
        : JsonShapeReader<ProcessJsonProblem>(text, offsets)
    {
        protected override ProcessJsonProblem CreateProblem(string code, string path, int line, int column, string message) =>
            new(code, path, line, column, message);

        public ProcessDefinition ReadDefinition(JsonElement root)
        {
            var props = ReadObject(root, "$", "流程定义", ["steps"]);
            if (props is null)
            {
                return new ProcessDefinition([]);
            }

            var steps = Required(props, "$", "steps") is { } s
                ? ReadArray(s, "$.steps", ReadStep) ?? []
                : [];
            return new ProcessDefinition(steps);
        }

        private ProcessStep? ReadStep(JsonElement element, string path)
        {
            var props = ReadObject(element, path, "步骤", ["key", "name", "assignee", "timeLimit", "next", "join", "description", "form", "checklist", "signOffs", "options"]);
            if (props is null)
            {
                return null;
            }

            var key = String(Required(props, path, "key"), path + ".key");
            var name = String(Required(props, path, "name"), path + ".name");
            var assignee = Required(props, path, "assignee") is { } a ? ReadAssignee(a, path + ".assignee") : null;
            var limit = Optional(props, "timeLimit") is { } l ? ReadTimeLimit(l, path + ".timeLimit") : null;
            var next = Optional(props, "next") is { } n ? StringArray(n, path + ".next") : [];
            var join = Optional(props, "join") is { } j && Bool(j, path + ".join");
            var description = Optional(props, "description") is { } d ? String(d, path + ".description") : null;
            var form = Optional(props, "form") is { } f ? ReadArray(f, path + ".form", ReadField) : null;
            var checklist = Optional(props, "checklist") is { } c ? StringArray(c, path + ".checklist") : null;
            var signOffs = Optional(props, "signOffs") is { } so ? StringArray(so, path + ".signOffs") : null;
            var options = Optional(props, "options") is { } o ? ReadOptions(o, path + ".options") : null;
            return key is null || name is null || assignee is null || next is null
                ? null
                : new ProcessStep(key, name, assignee, limit, next, join, description, form, checklist, signOffs, options);
        }

        private StepAssignee? ReadAssignee(JsonElement element, string path)
        {
            var props = ReadObject(element, path, "办理人", ["kind", "code"]);
            if (props is null)
            {
                return null;
            }

            var kind = Required(props, path, "kind") is { } k ? Enum<AssigneeKind>(k, path + ".kind") : null;
            var code = String(Required(props, path, "code"), path + ".code");
            return kind is null || code is null ? null : new StepAssignee(kind.Value, code);
        }

        private FormField? ReadField(JsonElement element, string path)
        {
            var props = ReadObject(element, path, "表单字段", ["key", "label", "type", "required", "options"]);
            if (props is null)
            {
                return null;
            }

            var key = String(Required(props, path, "key"), path + ".key");
            var label = String(Required(props, path, "label"), path + ".label");
            var type = Required(props, path, "type") is { } t ? Enum<FieldType>(t, path + ".type") : null;
            var required = Optional(props, "required") is { } r && Bool(r, path + ".required");
            var options = Optional(props, "options") is { } o ? StringArray(o, path + ".options") : null;
            return key is null || label is null || type is null ? null : new FormField(key, label, type.Value, required, options);
        }

        private StepOptions? ReadOptions(JsonElement element, string path)
        {
            var props = ReadObject(element, path, "办事制度选项", ["allowReturn", "returnTo", "allowReject", "deemedApprovedOnTimeout", "completionNotice"]);
            if (props is null)
            {
                return null;
            }

            return new StepOptions(
                Optional(props, "allowReturn") is { } ar && Bool(ar, path + ".allowReturn"),
                Optional(props, "returnTo") is { } rt ? StringArray(rt, path + ".returnTo") : null,
                Optional(props, "allowReject") is { } aj && Bool(aj, path + ".allowReject"),
                Optional(props, "deemedApprovedOnTimeout") is { } dt && Bool(dt, path + ".deemedApprovedOnTimeout"),
                Optional(props, "completionNotice") is { } cn && Bool(cn, path + ".completionNotice"));
        }

        private TimeLimit? ReadTimeLimit(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.String)
            {
                Add(Codes.WrongType, path, path, "时限应为字符串,如 \"8wh\"(8 个工作小时)、\"3wd\"(3 个工作日)、\"48h\"(48 小时)");
                return null;
            }

            var s = element.GetString();
            if (TimeLimit.TryParse(s, out var limit))
            {
                return limit;
            }

            Add(Codes.InvalidValue, path, path, $"无法识别的时限 \"{s}\":应为正整数加单位 min/h/d,工作时间在单位前加 w,如 \"30wmin\"、\"8wh\"、\"3wd\"、\"48h\"");
            return null;
        }
    }
}
