namespace Norma.E2ETests.Infrastructure;

/// <summary>Where test artifacts go: &lt;repo root&gt;/artifacts (git-ignored).</summary>
public static class Artifacts
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Norma.slnx")))
            {
                return Path.Combine(dir.FullName, "artifacts");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "artifacts");
    });

    /// <summary>A fresh (emptied) screenshot folder for one test, artifacts/screenshots/&lt;test&gt;; also clears its old failure artifacts.</summary>
    public static string ScreenshotFolder(string test)
    {
        var folder = Path.Combine(Root.Value, "screenshots", test);
        foreach (var stale in new[] { folder, Path.Combine(Root.Value, "failures", test) })
        {
            if (Directory.Exists(stale))
            {
                Directory.Delete(stale, recursive: true);
            }
        }

        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>A folder for a failed test's page HTML and trace: artifacts/failures/&lt;test&gt;.</summary>
    public static string FailureFolder(string test)
    {
        var folder = Path.Combine(Root.Value, "failures", test);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
