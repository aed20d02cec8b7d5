using Microsoft.Extensions.Options;

namespace RqiiacPortail.Web.Infrastructure.Files;

/// <summary>A file as received and checked, before it is stored: its name, its bytes, what it really is and its text.</summary>
public sealed record IncomingFile(string FileName, Stream Content, FileKind Kind, string Text);

/// <summary>
/// Every uploaded file passes here before anything is stored: recognised by its bytes, archives expanded
/// within bounds, text read within a time budget. A refusal is a French sentence naming the file.
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
        try
        {
            return (new IncomingFile(name, content, kind, TextExtractor.Extract(content, kind, options.Value, ct)), null);
        }
        catch (FileTooCostlyException e)
        {
            return Refuse(name, e.Message);
        }
    }

    private (IncomingFile?, string?) Refuse(string name, string problem)
    {
        logger.LogWarning("Fichier « {Name} » refusé : {Problem}", name, problem);
        return (null, $"« {name} » {problem}");
    }
}
