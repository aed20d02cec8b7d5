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
