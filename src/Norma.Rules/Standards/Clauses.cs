using System.Text.RegularExpressions;

namespace Norma.Rules.Standards;

/// <summary>A numbered clause of a standard: "4.1 投诉受理" with the text under its heading.</summary>
public sealed record Clause(string Number, string Heading, int Level, string Text)
{
    /// <summary>An anchor for links to this clause, e.g. "clause-4-1".</summary>
    public string Anchor => "clause-" + Number.Replace('.', '-');
}

/// <summary>Markdown headings ("## 4 要求", "### 4.1 受理") become numbered clauses; text before the first heading is the preamble.</summary>
public static partial class Clauses
{
    [GeneratedRegex(@"^(#{1,6})\s+(\d+(?:\.\d+)*)\.?\s+(.+?)\s*$")]
    private static partial Regex NumberedHeading();

    [GeneratedRegex(@"^(#{1,6})\s+(.+?)\s*$")]
    private static partial Regex AnyHeading();

    public static IReadOnlyList<Clause> Parse(string? markdown)
    {
        var result = new List<Clause>();
        string? number = null, heading = null;
        var level = 0;
        var auto = 0;
        var body = new List<string>();

        void Flush()
        {
            if (heading is not null)
            {
                result.Add(new Clause(number!, heading, level, string.Join('\n', body).Trim()));
            }

            body.Clear();
        }

        foreach (var raw in (markdown ?? "").Replace("\r\n", "\n").Split('\n'))
        {
            var numbered = NumberedHeading().Match(raw);
            var any = numbered.Success ? numbered : AnyHeading().Match(raw);
            if (!any.Success)
            {
                body.Add(raw);
                continue;
            }

            Flush();
            level = any.Groups[1].Length;
            if (numbered.Success)
            {
                number = numbered.Groups[2].Value;
                heading = numbered.Groups[3].Value;
                if (!number.Contains('.', StringComparison.Ordinal) && int.TryParse(number, out var top))
                {
                    auto = top;
                }
            }
            else
            {
                // An unnumbered heading gets the next top-level number, as the reader would count it.
                number = (++auto).ToString(System.Globalization.CultureInfo.InvariantCulture);
                heading = any.Groups[2].Value;
            }
        }

        Flush();
        return result;
    }
}

public enum DiffKind
{
    Same,
    Removed,
    Added,
}

public sealed record DiffLine(DiffKind Kind, string Text);

/// <summary>Line differences between two texts (longest common subsequence), for comparing two versions of a standard.</summary>
public static class TextDiff
{
    public static IReadOnlyList<DiffLine> Lines(string? before, string? after)
    {
        var a = Split(before);
        var b = Split(after);

        // Trim the common head and tail so the quadratic part only sees what changed.
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[a.Length - 1 - tail] == b[b.Length - 1 - tail])
        {
            tail++;
        }

        var n = a.Length - head - tail;
        var m = b.Length - head - tail;
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                lcs[i, j] = a[head + i] == b[head + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var result = new List<DiffLine>(a.Length + b.Length);
        result.AddRange(a.Take(head).Select(l => new DiffLine(DiffKind.Same, l)));
        int x = 0, y = 0;
        while (x < n && y < m)
        {
            if (a[head + x] == b[head + y])
            {
                result.Add(new DiffLine(DiffKind.Same, a[head + x]));
                x++;
                y++;
            }
            else if (lcs[x + 1, y] >= lcs[x, y + 1])
            {
                result.Add(new DiffLine(DiffKind.Removed, a[head + x++]));
            }
            else
            {
                result.Add(new DiffLine(DiffKind.Added, b[head + y++]));
            }
        }

        while (x < n)
        {
            result.Add(new DiffLine(DiffKind.Removed, a[head + x++]));
        }

        while (y < m)
        {
            result.Add(new DiffLine(DiffKind.Added, b[head + y++]));
        }

        result.AddRange(a.Skip(a.Length - tail).Select(l => new DiffLine(DiffKind.Same, l)));
        return result;
    }

    private static string[] Split(string? text) => string.IsNullOrEmpty(text) ? [] : text.Replace("\r\n", "\n").Split('\n');
}
