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
    public static FileKind? Identify(Stream content) => Inspect(content, new FilesOptions()).Kind;

    /// <summary>
    /// What the file is, or why it is refused: not a kind we accept (<c>Kind</c> and <c>Problem</c> both null),
    /// or an archive that would expand past <see cref="FilesOptions"/>'s bounds (<c>Problem</c>, in French, to
    /// follow the file's name).
    /// </summary>
    public static (FileKind? Kind, string? Problem) Inspect(Stream content, FilesOptions limits)
    {
        Span<byte> head = stackalloc byte[8];
        content.Position = 0;
        var read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        content.Position = 0;
        if (read < 4) return (null, null);

        if (head.StartsWith("%PDF-"u8)) return (Pdf, null);
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return (Png, null);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return (Jpeg, null);
        if (head.StartsWith("PK\u0003\u0004"u8)) return InspectZip(content, limits);
        return (null, null);
    }

    // Office and OpenDocument files are zip archives: what they hold says which. Every part is expanded once
    // here, within the bounds, so that nothing later (identification, text extraction) meets a zip bomb.
    private static (FileKind?, string?) InspectZip(Stream content, FilesOptions limits)
    {
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > limits.MaxArchiveEntries)
                return (null, $"contient plus de {limits.MaxArchiveEntries} éléments : ce n'est pas un document ordinaire.");
            if (ArchiveProblem(zip, limits) is { } problem) return (null, problem);

            if (zip.GetEntry("mimetype") is { } mimetype)
            {
                using var reader = new StreamReader(mimetype.Open());
                var buffer = new char[100];
                var type = new string(buffer, 0, reader.ReadBlock(buffer, 0, buffer.Length)).Trim();
                return (type == Odt.ContentType ? Odt : null, null);
            }
            if (zip.GetEntry("[Content_Types].xml") is null) return (null, null);
            if (zip.GetEntry("word/document.xml") is not null) return (Docx, null);
            if (zip.GetEntry("xl/workbook.xml") is not null) return (Xlsx, null);
            if (zip.GetEntry("ppt/presentation.xml") is not null) return (Pptx, null);
            return (null, null);
        }
        catch (InvalidDataException)
        {
            return (null, null);
        }
        finally
        {
            content.Position = 0;
        }
    }

    /// <summary>Expands each part, counting what comes out (declared sizes can lie), and stops at the first bound.</summary>
    private static string? ArchiveProblem(ZipArchive zip, FilesOptions limits)
    {
        var total = 0L;
        var buffer = new byte[81920];
        foreach (var entry in zip.Entries)
        {
            var xml = entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || entry.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);
            var partLimit = xml ? Math.Min(limits.MaxXmlPart, limits.MaxExpanded) : limits.MaxExpanded;
            var part = 0L;
            using var stream = entry.Open();
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                part += read;
                total += read;
                if (part > partLimit && xml) return $"contient une partie qui se décompresse en plus de {limits.MaxXmlPartMb} Mo : ce fichier ne peut pas être lu sans risque.";
                if (total > limits.MaxExpanded) return $"se décompresse en plus de {limits.MaxExpandedMb} Mo : ce fichier ne peut pas être lu sans risque.";
            }
        }
        return null;
    }
}
