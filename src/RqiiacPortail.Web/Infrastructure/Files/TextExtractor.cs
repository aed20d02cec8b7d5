using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using UglyToad.PdfPig;
using Word = DocumentFormat.OpenXml.Wordprocessing;
using Sheet = DocumentFormat.OpenXml.Spreadsheet;

namespace RqiiacPortail.Web.Infrastructure.Files;

/// <summary>
/// The text inside a PDF or Office file, for search and for the personal-information check. Archives were
/// bounded by <see cref="FileInspector.Inspect"/> before they get here; this reads within a time budget and
/// keeps at most <see cref="FilesOptions.MaxTextLength"/> characters, with streaming readers so that a large
/// document is never loaded whole.
/// </summary>
public static class TextExtractor
{
    public static string Extract(Stream content, FileKind kind) => Extract(content, kind, new FilesOptions(), CancellationToken.None);

    /// <exception cref="FileTooCostlyException">Reading took longer than <see cref="FilesOptions.ExtractionTimeout"/>.</exception>
    public static string Extract(Stream content, FileKind kind, FilesOptions limits, CancellationToken ct)
    {
        content.Position = 0;
        var bounded = new BoundedReadStream(content, limits.ExtractionTimeout, ct);
        var text = new Limited(limits.MaxTextLength);
        try
        {
            switch (kind.Key)
            {
                case "pdf": Pdf(bounded, text, ct); break;
                case "docx": Docx(bounded, text); break;
                case "xlsx": Xlsx(bounded, text); break;
                case "pptx": Pptx(bounded, text); break;
                case "odt": Odt(bounded, text); break;
            }
            return text.ToString();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException or FormatException or XmlException
                                      or OpenXmlPackageException or UglyToad.PdfPig.Core.PdfDocumentFormatException)
        {
            // A file we cannot read is still stored and offered; it is simply not searchable inside.
            return "";
        }
        finally
        {
            content.Position = 0;
        }
    }

    /// <summary>Text up to a length; past it, appending does nothing and <see cref="Full"/> tells readers to stop.</summary>
    private sealed class Limited(int max)
    {
        private readonly StringBuilder _text = new();

        public bool Full => _text.Length >= max;

        public void Append(string? value)
        {
            if (string.IsNullOrEmpty(value) || Full) return;
            _text.Append(value.Length <= max - _text.Length ? value : value[..(max - _text.Length)]);
        }

        public void Line() => Append("\n");

        public override string ToString() => _text.ToString().TrimEnd('\n');
    }

    private static void Pdf(Stream content, Limited text, CancellationToken ct)
    {
        using var document = PdfDocument.Open(content);
        foreach (var page in document.GetPages())
        {
            ct.ThrowIfCancellationRequested();
            text.Append(string.Join(' ', page.GetWords().Select(w => w.Text)));
            text.Line();
            if (text.Full) break;
        }
    }

    // Descendants, not children: intervention grids are mostly tables, whose paragraphs sit inside cells.
    private static void Docx(Stream content, Limited text)
    {
        using var document = WordprocessingDocument.Open(content, false);
        if (document.MainDocumentPart is not { } part) return;
        using var reader = OpenXmlReader.Create(part);
        while (!text.Full && reader.Read())
        {
            if (reader.ElementType == typeof(Word.Text) && reader.IsStartElement) text.Append(reader.GetText());
            else if (reader.ElementType == typeof(Word.Paragraph) && reader.IsEndElement) text.Line();
        }
    }

    /// <summary>
    /// Shared strings (most of a workbook's text), then what sits in the cells themselves: inline strings, which
    /// some generators write, and numbers, where a phone number typed in a cell ends up.
    /// </summary>
    private static void Xlsx(Stream content, Limited text)
    {
        using var document = SpreadsheetDocument.Open(content, false);
        if (document.WorkbookPart?.SharedStringTablePart is { } shared)
        {
            using var strings = OpenXmlReader.Create(shared);
            while (!text.Full && strings.Read())
                if (strings.ElementType == typeof(Sheet.SharedStringItem) && strings.IsStartElement)
                {
                    text.Append(strings.LoadCurrentElement()!.InnerText);
                    text.Line();
                }
        }
        foreach (var sheet in document.WorkbookPart?.WorksheetParts ?? [])
        {
            using var reader = OpenXmlReader.Create(sheet);
            while (!text.Full && reader.Read())
            {
                if (reader.ElementType != typeof(Sheet.Cell) || !reader.IsStartElement) continue;
                var cell = (Sheet.Cell)reader.LoadCurrentElement()!;
                var type = cell.DataType?.Value;
                if (type == Sheet.CellValues.InlineString) text.Append(cell.InlineString?.InnerText);
                else if ((type is null || type == Sheet.CellValues.Number) && cell.CellValue?.Text is { Length: > 0 } number) text.Append(number);
                else continue;
                text.Line();
            }
        }
    }

    private static void Pptx(Stream content, Limited text)
    {
        using var document = PresentationDocument.Open(content, false);
        foreach (var slide in document.PresentationPart?.SlideParts ?? [])
        {
            using var reader = OpenXmlReader.Create(slide);
            while (!text.Full && reader.Read())
                if (reader.ElementType == typeof(DocumentFormat.OpenXml.Drawing.Text) && reader.IsStartElement)
                {
                    text.Append(reader.GetText());
                    text.Line();
                }
        }
    }

    private static void Odt(Stream content, Limited text)
    {
        using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
        using var xml = zip.GetEntry("content.xml")?.Open();
        if (xml is null) return;
        const string ns = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
        using var reader = XmlReader.Create(xml, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var depth = 0;
        while (!text.Full && reader.Read())
        {
            var paragraph = reader.NamespaceURI == ns && reader.LocalName is "p" or "h";
            if (paragraph && reader.NodeType == XmlNodeType.Element && !reader.IsEmptyElement) depth++;
            else if (paragraph && reader.NodeType == XmlNodeType.EndElement && --depth == 0) text.Line();
            else if (depth > 0 && reader.NodeType is XmlNodeType.Text or XmlNodeType.SignificantWhitespace) text.Append(reader.Value);
        }
    }
}
