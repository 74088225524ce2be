namespace Norma.Shared;

public static class LocalUrl
{
    /// <summary>Only paths on this site: "/x" yes; "//host", "/\host" and absolute URLs no (no open redirects).</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/')
        && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
