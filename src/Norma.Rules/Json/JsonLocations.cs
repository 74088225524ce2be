using System.Text;
using System.Text.Json;

namespace Norma.Rules.Json;

/// <summary>JSONPath building shared by the hand-walked JSON formats (process definitions, evaluation schemes).</summary>
internal static class JsonPaths
{
    /// <summary><c>$.a</c> for plain names, <c>$['x y']</c> otherwise.</summary>
    public static string Child(string path, string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? $"{path}.{name}"
            : $"{path}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    /// <summary>
    /// Where each path starts in the UTF-8 text: a property's name, an array item's first character. The first
    /// occurrence wins, so a duplicate property is located at its first spelling.
    /// </summary>
    public static Dictionary<string, long> Offsets(string json)
    {
        var offsets = new Dictionary<string, long>(StringComparer.Ordinal) { ["$"] = 0 };
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var stack = new Stack<(string Path, bool IsArray, int Index)>();
        var pending = "$";
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pending = Child(stack.Peek().Path, reader.GetString() ?? "");
                    offsets.TryAdd(pending, reader.TokenStartIndex);
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    var path = ValuePath(stack, pending);
                    offsets.TryAdd(path, reader.TokenStartIndex);
                    stack.Push((path, reader.TokenType == JsonTokenType.StartArray, 0));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    stack.Pop();
                    break;
                default:
                    offsets.TryAdd(ValuePath(stack, pending), reader.TokenStartIndex);
                    break;
            }
        }

        return offsets;
    }

    private static string ValuePath(Stack<(string Path, bool IsArray, int Index)> stack, string pending)
    {
        if (stack.Count == 0 || !stack.Peek().IsArray)
        {
            return pending;
        }

        var (path, isArray, index) = stack.Pop();
        stack.Push((path, isArray, index + 1));
        return $"{path}[{index}]";
    }
}

/// <summary>Maps UTF-8 byte offsets of a string back to 1-based lines and character columns.</summary>
internal sealed class TextPositions
{
    private readonly string text;
    private readonly List<int> lineStarts = [0];
    private readonly long[] byteOffsets;

    public TextPositions(string text)
    {
        this.text = text;
        byteOffsets = new long[text.Length + 1];
        long bytes = 0;
        for (var i = 0; i < text.Length; i++)
        {
            byteOffsets[i] = bytes;
            var c = text[i];
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : char.IsSurrogate(c) ? 2 : 3;
            if (c == '\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        byteOffsets[text.Length] = bytes;
    }

    public (int Line, int Column) LineAndColumn(long byteOffset)
    {
        var index = Array.BinarySearch(byteOffsets, byteOffset);
        var charIndex = index >= 0 ? index : Math.Max(0, ~index - 1);
        var line = lineStarts.BinarySearch(charIndex);
        var lineIndex = line >= 0 ? line : ~line - 1;
        return (lineIndex + 1, charIndex - lineStarts[lineIndex] + 1);
    }

    /// <summary>The 1-based character column of a 0-based byte position within a 0-based line.</summary>
    public int ColumnOfBytePosition(int line, int bytePositionInLine)
    {
        if (line >= lineStarts.Count)
        {
            return 1;
        }

        var start = lineStarts[line];
        var (_, column) = LineAndColumn(byteOffsets[start] + bytePositionInLine);
        return Math.Min(column, text.Length - start + 1);
    }
}
