using RqiiacPortail.Web.Infrastructure.Files;

namespace RqiiacPortail.Tests.Infrastructure;

/// <summary>Small real documents made by the tests themselves (nothing copied from elsewhere).</summary>
public static class SampleFiles
{
    public static byte[] Pdf(params string[] lines) => DocumentWriter.Pdf(lines);

    public static byte[] Docx(params string[] paragraphs) => DocumentWriter.Docx(paragraphs);

    /// <summary>The first bytes of a Windows executable, whatever name it is given.</summary>
    public static byte[] Executable() => [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00];

    public static byte[] Png() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];
}

/// <summary>Hostile files: small archives that expand enormously, a PDF that is only its header and zeros.</summary>
public static class HostileFiles
{
    /// <summary>A .docx whose text part expands to <paramref name="megabytes"/> MB of spaces (a few kilobytes on the wire).</summary>
    public static byte[] DocxBomb(int megabytes) => Zip(("[Content_Types].xml", 1), ("word/document.xml", megabytes * 1024 * 1024));

    /// <summary>An .odt whose « mimetype » entry, read to identify it, expands to <paramref name="megabytes"/> MB.</summary>
    public static byte[] OdtBomb(int megabytes) => Zip(("mimetype", megabytes * 1024 * 1024), ("content.xml", 1));

    public static byte[] GarbagePdf(int megabytes)
    {
        var bytes = new byte[megabytes * 1024 * 1024];
        "%PDF-1.4\n"u8.CopyTo(bytes);
        return bytes;
    }

    private static byte[] Zip(params (string Name, int Length)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, length) in entries)
            {
                using var entry = zip.CreateEntry(name, System.IO.Compression.CompressionLevel.SmallestSize).Open();
                var chunk = new byte[65536];
                Array.Fill(chunk, (byte)' ');
                for (var written = 0; written < length; written += chunk.Length) entry.Write(chunk, 0, Math.Min(chunk.Length, length - written));
            }
        return stream.ToArray();
    }
}
