using QRCoder;

namespace Norma.Components.Pages.Cases;

/// <summary>A QR code as an SVG data URL for an &lt;img&gt; (the CSP allows data: images; no markup is injected into the page).</summary>
internal static class QrImage
{
    public static string SvgDataUrl(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        using var svg = new SvgQRCode(data);
        var markup = svg.GetGraphic(4);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(markup));
    }
}
