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

            gfx.DrawString(organizer, body, accent, new XRect(margin, y, width, 20), XStringFormats.TopLeft);
            y += 40;
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
            Paragraph($"a participé à « {e.Title} », {EventMail.When(e)}{(e.Place is { } place ? $", {place}" : "")}.", body, 60);
            if (e.AttendanceHours > 0)
                Paragraph($"Heures de formation continue : {e.AttendanceHours.ToString("0.##", FrenchText.Culture)} h", heading, 40);
            y += 20;
            Paragraph($"Délivrée le {FrenchText.Date(issuedAt)} par {organizer}.", body, 24);
            gfx.DrawString($"Portail RQIIAC — attestation n° {e.Id}", small, XBrushes.Gray,
                new XRect(margin, page.Height.Point - XUnit.FromCentimeter(2).Point, width, 12), XStringFormats.TopLeft);
        }
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
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
