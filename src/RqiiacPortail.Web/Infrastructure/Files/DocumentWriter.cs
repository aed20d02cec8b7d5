using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace RqiiacPortail.Web.Infrastructure.Files;

/// <summary>
/// Writes small real documents from lines of text: the sample tools of the recipes and the tests' files are
/// made here, never copied from elsewhere.
/// </summary>
public static class DocumentWriter
{
    /// <summary>
    /// A PDF with one line of text per entry, in Helvetica with the WinAnsi encoding (every French letter,
    /// « œ », « ’ » and « – » included), 40 lines a page. Written by hand: PdfPig's writer lacks accented
    /// letters in its standard fonts, and embedding a font would tie the build to one installed on the machine.
    /// </summary>
    public static byte[] Pdf(params string[] lines)
    {
        var pages = lines.DefaultIfEmpty("").Chunk(40).ToList();
        var objects = new List<byte[]>
        {
            Ascii("<< /Type /Catalog /Pages 2 0 R >>"),
            Ascii($"<< /Type /Pages /Count {pages.Count} /Kids [{string.Join(' ', pages.Select((_, i) => $"{4 + 2 * i} 0 R"))}] >>"),
            Ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
        };
        foreach (var (page, i) in pages.Select((p, i) => (p, i)))
        {
            var content = new MemoryStream();
            content.Write(Ascii("BT /F1 11 Tf 16 TL 50 750 Td\n"));
            foreach (var line in page)
            {
                content.Write(Ascii("T* ("));
                foreach (var b in WinAnsi.GetBytes(line))
                {
                    if (b is (byte)'(' or (byte)')' or (byte)'\\') content.WriteByte((byte)'\\');
                    content.WriteByte(b);
                }
                content.Write(Ascii(") Tj\n"));
            }
            content.Write(Ascii("ET"));
            objects.Add(Ascii($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>"));
            objects.Add([.. Ascii($"<< /Length {content.Length} >>\nstream\n"), .. content.ToArray(), .. Ascii("\nendstream")]);
        }

        var pdf = new MemoryStream();
        pdf.Write(Ascii("%PDF-1.4\n"));
        var offsets = new List<long>();
        foreach (var (body, i) in objects.Select((o, i) => (o, i)))
        {
            offsets.Add(pdf.Position);
            pdf.Write(Ascii($"{i + 1} 0 obj\n"));
            pdf.Write(body);
            pdf.Write(Ascii("\nendobj\n"));
        }
        var xref = pdf.Position;
        pdf.Write(Ascii($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n"));
        foreach (var offset in offsets) pdf.Write(Ascii($"{offset:D10} 00000 n \n"));
        pdf.Write(Ascii($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"));
        return pdf.ToArray();
    }

    private static readonly System.Text.Encoding WinAnsi = CreateWinAnsi();

    private static System.Text.Encoding CreateWinAnsi()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        return System.Text.Encoding.GetEncoding(1252, System.Text.EncoderFallback.ReplacementFallback, System.Text.DecoderFallback.ReplacementFallback);
    }

    private static byte[] Ascii(string text) => System.Text.Encoding.ASCII.GetBytes(text);

    /// <summary>A Word document with one paragraph per entry.</summary>
    public static byte[] Docx(params string[] paragraphs)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(paragraphs.Select(p =>
                new Paragraph(new Run(new DocumentFormat.OpenXml.Wordprocessing.Text(p) { Space = SpaceProcessingModeValues.Preserve })))));
        }
        return stream.ToArray();
    }
}
