using Microsoft.Extensions.Options;

namespace RqiiacPortail.Web.Infrastructure.Files;

/// <summary>
/// A file as received and checked, before it is stored: its name, its bytes, what it really is, and its text
/// when it was read already (a recipe's); an upload's text is read after the request (<see cref="FileIntake.Extract"/>).
/// </summary>
public sealed record IncomingFile(string FileName, Stream Content, FileKind Kind, string? Text = null);

/// <summary>
/// Every uploaded file passes here before anything is stored: recognised by its bytes, archives expanded
/// within bounds (quick, in the request). Its text is read later, within a time budget, by whoever analyses it.
/// A refusal is a French sentence naming the file.
/// </summary>
public sealed class FileIntake(IOptions<FilesOptions> options, ILogger<FileIntake> logger)
{
    public (IncomingFile? File, string? Error) Check(string fileName, Stream content, CancellationToken ct)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        var (kind, problem) = FileInspector.Inspect(content, options.Value);
        if (problem is not null) return Refuse(name, problem);
        if (kind is null)
            return (null, $"« {name} » n'est pas un type de fichier accepté : son contenu n'est ni un PDF, ni un document Word, Excel, PowerPoint ou OpenDocument, ni une image PNG ou JPEG.");
        content.Position = 0;
        return (new IncomingFile(name, content, kind), null);
    }

    /// <summary>Reads a stored file's text within the time and size budget; a problem is a French sentence.</summary>
    public (string Text, string? Problem) Extract(string fileName, Stream content, FileKind kind, CancellationToken ct)
    {
        try
        {
            return (TextExtractor.Extract(content, kind, options.Value, ct), null);
        }
        catch (FileTooCostlyException e)
        {
            logger.LogWarning("Texte de « {Name} » non lu : {Problem}", fileName, e.Message);
            return ("", $"Le texte de « {fileName} » n'a pas pu être lu : il {e.Message}");
        }
    }

    private (IncomingFile?, string?) Refuse(string name, string problem)
    {
        logger.LogWarning("Fichier « {Name} » refusé : {Problem}", name, problem);
        return (null, $"« {name} » {problem}");
    }
}
