using System.IO.Compression;

namespace RqiiacPortail.Web.Infrastructure.Files;

/// <summary>A kind of file the portal accepts, recognised by its content.</summary>
public sealed record FileKind(string Key, string Label, string ContentType, string Extension);

/// <summary>
/// Tells what a file really is from its bytes, whatever its name says: a renamed executable is refused, a
/// PDF called « grille.docx » is served as a PDF.
/// </summary>
public static class FileInspector
{
    public static readonly FileKind Pdf = new("pdf", "PDF", "application/pdf", ".pdf");
    public static readonly FileKind Docx = new("docx", "Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx");
    public static readonly FileKind Xlsx = new("xlsx", "Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx");
    public static readonly FileKind Pptx = new("pptx", "PowerPoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx");
    public static readonly FileKind Odt = new("odt", "OpenDocument", "application/vnd.oasis.opendocument.text", ".odt");
    public static readonly FileKind Png = new("png", "Image PNG", "image/png", ".png");
    public static readonly FileKind Jpeg = new("jpeg", "Image JPEG", "image/jpeg", ".jpg");

    public static readonly IReadOnlyList<FileKind> Accepted = [Pdf, Docx, Xlsx, Pptx, Odt, Png, Jpeg];

    /// <returns>The kind, or null for anything else (executables, archives, scripts, damaged files…).</returns>
    public static FileKind? Identify(Stream content)
    {
        Span<byte> head = stackalloc byte[8];
        content.Position = 0;
        var read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        content.Position = 0;
        if (read < 4) return null;

        if (head.StartsWith("%PDF-"u8)) return Pdf;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return Png;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return Jpeg;
        if (head.StartsWith("PK\u0003\u0004"u8)) return IdentifyZip(content);
        return null;
    }

    // Office and OpenDocument files are zip archives: what they hold says which.
    private static FileKind? IdentifyZip(Stream content)
    {
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.GetEntry("mimetype") is { } mimetype)
            {
                using var reader = new StreamReader(mimetype.Open());
                return reader.ReadToEnd().Trim() == Odt.ContentType ? Odt : null;
            }
            if (zip.GetEntry("[Content_Types].xml") is null) return null;
            if (zip.GetEntry("word/document.xml") is not null) return Docx;
            if (zip.GetEntry("xl/workbook.xml") is not null) return Xlsx;
            if (zip.GetEntry("ppt/presentation.xml") is not null) return Pptx;
            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
        finally
        {
            content.Position = 0;
        }
    }
}
