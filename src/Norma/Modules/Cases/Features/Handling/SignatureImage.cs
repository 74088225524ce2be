namespace Norma.Modules.Cases.Features.Handling;

/// <summary>The customer's signature as a signature pad sends it: a PNG data URL. Anything else is refused.</summary>
public static class SignatureImage
{
    private const string Prefix = "data:image/png;base64,";
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The PNG bytes, or null when the text is not a PNG data URL within the size limit.</summary>
    public static byte[]? Decode(string dataUrl, int maxBytes)
    {
        if (!dataUrl.StartsWith(Prefix, StringComparison.Ordinal) || dataUrl.Length > Prefix.Length + (maxBytes / 3 * 4) + 4)
        {
            return null;
        }

        var buffer = new byte[(dataUrl.Length - Prefix.Length) / 4 * 3 + 3];
        if (!Convert.TryFromBase64String(dataUrl[Prefix.Length..], buffer, out var written) || written < PngMagic.Length || written > maxBytes)
        {
            return null;
        }

        return buffer.AsSpan(0, PngMagic.Length).SequenceEqual(PngMagic) ? buffer[..written] : null;
    }
}
