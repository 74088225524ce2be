namespace Norma.Rules.Evaluation;

/// <summary>
/// The schemes shipped with Norma (Evaluation/Data/*.json, embedded resources), as starting points an organization
/// copies and adapts: <c>ycyc-dc-04</c> (the tobacco company's 服务质量测评管理办法, three positions, normalized to
/// 100 because its maxima add up to 120/100/110), <c>property-10x10</c> (商场物业部服务质量评分, ten items × 10
/// points, monthly, five grades) and <c>dept-100</c> (职能部门日常服务质量考核, 达标 85, overseers averaged).
/// </summary>
public static class ShippedSchemes
{
    public static IReadOnlyList<string> Names { get; } = ["ycyc-dc-04", "property-10x10", "dept-100"];

    /// <summary>The scheme file as shipped (the JSON text), by name with or without ".json".</summary>
    public static string Text(string name)
    {
        var file = Normalize(name);
        using var stream = typeof(ShippedSchemes).Assembly.GetManifestResourceStream($"Norma.Rules.Evaluation.Data.{file}.json")
            ?? throw new InvalidOperationException($"The embedded scheme {file}.json is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// The parsed scheme. Throws for an unknown name or a file that does not parse (a build defect, caught by the
    /// unit tests); validation warnings such as ycyc-dc-04's 120-point tree are the scheme's own business.
    /// </summary>
    public static EvaluationScheme Load(string name)
    {
        var result = SchemeJson.Parse(Text(name));
        return result.Succeeded
            ? result.Scheme
            : throw new InvalidOperationException($"The shipped scheme {name} is invalid: " + string.Join("; ", result.Problems));
    }

    private static string Normalize(string name)
    {
        var file = name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? name[..^5] : name;
        return Names.FirstOrDefault(n => string.Equals(n, file, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Unknown shipped scheme \"{name}\"; shipped: {string.Join(", ", Names)}.", nameof(name));
    }
}
