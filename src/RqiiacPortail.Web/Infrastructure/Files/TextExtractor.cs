using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using UglyToad.PdfPig;

namespace RqiiacPortail.Web.Infrastructure.Files;

/// <summary>The text inside a PDF or Office file, for search and for the personal-information check.</summary>
public static class TextExtractor
{
    /// <summary>At most this much text is kept per file: enough to search, not a whole book in the index.</summary>
    public const int MaxLength = 200_000;

    public static string Extract(Stream content, FileKind kind)
    {
        content.Position = 0;
        try
        {
            var text = kind.Key switch
            {
                "pdf" => Pdf(content),
                "docx" => Docx(content),
                "xlsx" => Xlsx(content),
                "pptx" => Pptx(content),
                "odt" => Odt(content),
                _ => "",
            };
            return text.Length > MaxLength ? text[..MaxLength] : text;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException or FormatException
                                      or System.Xml.XmlException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException
                                      or UglyToad.PdfPig.Core.PdfDocumentFormatException)
        {
            // A file we cannot read is still stored and offered; it is simply not searchable inside.
            return "";
        }
        finally
        {
            content.Position = 0;
        }
    }

    private static string Pdf(Stream content)
    {
        using var document = PdfDocument.Open(content);
        var text = new StringBuilder();
        foreach (var page in document.GetPages())
        {
            text.AppendJoin(' ', page.GetWords().Select(w => w.Text)).Append('\n');
            if (text.Length > MaxLength) break;
        }
        return text.ToString();
    }

    private static string Docx(Stream content)
    {
        using var document = WordprocessingDocument.Open(content, false);
        var body = document.MainDocumentPart?.Document?.Body;
        // Descendants, not children: intervention grids are mostly tables, whose paragraphs sit inside cells.
        return body is null ? "" : string.Join('\n', body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
    }

    /// <summary>
    /// Shared strings (most of a workbook's text), then what sits in the cells themselves: inline strings, which
    /// some generators write, and numbers, where a phone number typed in a cell ends up. Sheets are read with the
    /// SAX-style reader so a large workbook is never loaded whole.
    /// </summary>
    private static string Xlsx(Stream content)
    {
        using var document = SpreadsheetDocument.Open(content, false);
        var text = new StringBuilder();
        var shared = document.WorkbookPart?.SharedStringTablePart?.SharedStringTable;
        if (shared is not null) text.AppendJoin('\n', shared.Elements<DocumentFormat.OpenXml.Spreadsheet.SharedStringItem>().Select(s => s.InnerText)).Append('\n');
        foreach (var sheet in document.WorkbookPart?.WorksheetParts ?? [])
        {
            using var reader = DocumentFormat.OpenXml.OpenXmlReader.Create(sheet);
            while (reader.Read() && text.Length <= MaxLength)
            {
                if (reader.ElementType != typeof(DocumentFormat.OpenXml.Spreadsheet.Cell) || !reader.IsStartElement) continue;
                var cell = (DocumentFormat.OpenXml.Spreadsheet.Cell)reader.LoadCurrentElement()!;
                var type = cell.DataType?.Value;
                if (type == DocumentFormat.OpenXml.Spreadsheet.CellValues.InlineString) text.Append(cell.InlineString?.InnerText).Append('\n');
                else if ((type is null || type == DocumentFormat.OpenXml.Spreadsheet.CellValues.Number) && cell.CellValue?.Text is { Length: > 0 } number)
                    text.Append(number).Append('\n');
            }
        }
        return text.ToString();
    }

    private static string Pptx(Stream content)
    {
        using var document = PresentationDocument.Open(content, false);
        var slides = document.PresentationPart?.SlideParts ?? [];
        return string.Join('\n', slides.SelectMany(s => s.Slide?.Descendants<DocumentFormat.OpenXml.Drawing.Text>() ?? []).Select(t => t.Text));
    }

    private static string Odt(Stream content)
    {
        using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
        using var xml = zip.GetEntry("content.xml")?.Open();
        if (xml is null) return "";
        XNamespace text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
        return string.Join('\n', XDocument.Load(xml).Descendants().Where(e => e.Name == text + "p" || e.Name == text + "h").Select(e => e.Value));
    }
}
