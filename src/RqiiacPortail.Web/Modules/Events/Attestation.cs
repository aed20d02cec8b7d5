using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using RqiiacPortail.Web.Infrastructure.Text;

namespace RqiiacPortail.Web.Modules.Events;

/// <summary>
/// The attestation of attendance (PDF, PDFsharp): the registrant's name, the event, its dates, the hours of
/// professional development and the organizer — what employers ask for. The text is real text (not an image), so
/// it can be read back, searched and read aloud.
/// </summary>
public static class Attestation
{
    /// <summary>The association's full name, under its logo at the top of every attestation.</summary>
    public const string Association = "Regroupement québécois des intervenantes et intervenants en action communautaire en CISSS et CIUSSS";

    public static byte[] Render(string name, string? employer, Event e, string organizer, DateTimeOffset issuedAt)
    {
        DejaVuFonts.Install();
        var document = new PdfDocument();
        document.Info.Title = $"Attestation de participation : {e.Title}";
        document.Info.Author = organizer;
        document.Info.Subject = name;
        document.Language = "fr-CA";
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.Letter;
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var title = new XFont(DejaVuFonts.Family, 22, XFontStyleEx.Bold);
            var heading = new XFont(DejaVuFonts.Family, 16, XFontStyleEx.Bold);
            var body = new XFont(DejaVuFonts.Family, 12, XFontStyleEx.Regular);
            var small = new XFont(DejaVuFonts.Family, 9, XFontStyleEx.Regular);
            var accent = new XSolidBrush(XColor.FromArgb(0, 90, 112));
            var margin = XUnit.FromCentimeter(2.5).Point;
            var width = page.Width.Point - 2 * margin;
            var y = XUnit.FromCentimeter(3).Point;

            var logo = XUnit.FromCentimeter(1.6).Point;
            DrawLogo(gfx, margin, y, logo);
            var beside = new XTextFormatter(gfx);
            beside.DrawString(Association, SmallBold(), accent, new XRect(margin + logo + 12, y + 2, width - logo - 12, 26), XStringFormats.TopLeft);
            gfx.DrawString(organizer, body, accent, new XRect(margin + logo + 12, y + 30, width - logo - 12, 16), XStringFormats.TopLeft);
            y += logo + 30;
            gfx.DrawString("Attestation de participation", title, XBrushes.Black, new XRect(margin, y, width, 30), XStringFormats.TopLeft);
            y += 60;
            var layout = new XTextFormatter(gfx);
            void Paragraph(string text, XFont font, double height)
            {
                layout.DrawString(text, font, XBrushes.Black, new XRect(margin, y, width, height), XStringFormats.TopLeft);
                y += height;
            }
            Paragraph("Nous attestons que", body, 24);
            Paragraph(name, heading, 28);
            if (employer is { Length: > 0 }) Paragraph(employer, body, 24);
            Paragraph(FrenchText.KeepTogether($"a participé à « {e.Title} », {EventMail.When(e)}{(e.Place is { } place ? $", {place}" : "")}."), body, 60);
            if (e.AttendanceHours > 0)
                Paragraph($"Heures de formation continue : {e.AttendanceHours.ToString("0.##", FrenchText.Culture)} h", heading, 40);
            y += 20;
            Paragraph(FrenchText.KeepTogether($"Délivrée le {FrenchText.Date(issuedAt)} par {organizer}."), body, 24);
            gfx.DrawString($"Portail RQIIAC — attestation n° {e.Id}", small, XBrushes.Gray,
                new XRect(margin, page.Height.Point - XUnit.FromCentimeter(2).Point, width, 12), XStringFormats.TopLeft);
        }
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    private static XFont SmallBold() => new(DejaVuFonts.Family, 9, XFontStyleEx.Bold);

    /// <summary>The association's mark (the same drawing as the site's logo.svg): five people joined around a centre.</summary>
    private static void DrawLogo(XGraphics gfx, double x, double y, double size)
    {
        var unit = size / 48;
        XPoint At(double px, double py) => new(x + px * unit, y + py * unit);
        gfx.DrawRoundedRectangle(new XSolidBrush(XColor.FromArgb(0, 90, 112)), x, y, size, size, 20 * unit, 20 * unit);
        var pen = new XPen(XColor.FromArgb(225, 255, 255, 255), 2.2 * unit);
        gfx.DrawEllipse(pen, x + 11 * unit, y + 11 * unit, 26 * unit, 26 * unit);
        for (var i = 0; i < 5; i++)
        {
            var angle = 2 * Math.PI * i / 5;
            var node = At(24 + 13 * Math.Sin(angle), 24 - 13 * Math.Cos(angle));
            gfx.DrawLine(pen, At(24, 24), node);
            gfx.DrawEllipse(XBrushes.White, node.X - 4.2 * unit, node.Y - 4.2 * unit, 8.4 * unit, 8.4 * unit);
        }
        gfx.DrawEllipse(new XSolidBrush(XColor.FromArgb(255, 191, 71)), x + 18.8 * unit, y + 18.8 * unit, 10.4 * unit, 10.4 * unit);
    }
}

/// <summary>
/// DejaVu Sans (from npm at build time, copied beside the host under <c>fonts/</c>) for PDFsharp, which finds no
/// system fonts on Linux: it covers French and more, and its licence lets it be embedded.
/// </summary>
internal sealed class DejaVuFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private static readonly Lock Gate = new();
    private static bool _installed;

    public static void Install()
    {
        lock (Gate)
        {
            if (_installed) return;
            if (GlobalFontSettings.FontResolver is null) GlobalFontSettings.FontResolver = new DejaVuFonts();
            _installed = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans", false, italic);

    public byte[]? GetFont(string faceName) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fonts", faceName + ".ttf"));
}
