using System.ComponentModel.DataAnnotations;

namespace RqiiacPortail.Web.Infrastructure.Files;

/// <summary>
/// Bounds on what reading an uploaded file may cost (section <c>Files</c>). Office and OpenDocument files are zip
/// archives: a 1 MB one can expand to gigabytes, and a damaged PDF can keep a parser busy for minutes.
/// </summary>
public sealed class FilesOptions
{
    public const string Section = "Files";

    /// <summary>What all the parts of one archive may expand to, together.</summary>
    [Range(1, 4096)] public int MaxExpandedMb { get; set; } = 256;

    /// <summary>What one XML part (the text of a document, a sheet) may expand to: it is parsed, not just copied.</summary>
    [Range(1, 1024)] public int MaxXmlPartMb { get; set; } = 32;

    [Range(1, 100_000)] public int MaxArchiveEntries { get; set; } = 5000;

    /// <summary>The time reading one file's text may take.</summary>
    public TimeSpan ExtractionTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Text kept per file: enough to search and check, not a whole book in the index.</summary>
    [Range(1000, 10_000_000)] public int MaxTextLength { get; set; } = 200_000;

    /// <summary>A stored file no row points at (or half-written) is deleted once this old.</summary>
    public TimeSpan OrphanAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Where uploaded files live: <c>Disque</c> (the data folder's <c>fichiers</c>, the default; shared by the
    /// instances of a cluster as a volume) or <c>S3</c> (an S3-compatible object store, for several machines).
    /// </summary>
    [RegularExpression("^(Disque|S3)$", ErrorMessage = "Files:Store est « Disque » ou « S3 ».")]
    public string Store { get; set; } = "Disque";

    public S3StoreOptions S3 { get; set; } = new();

    internal long MaxExpanded => MaxExpandedMb * 1024L * 1024L;
    internal long MaxXmlPart => MaxXmlPartMb * 1024L * 1024L;
}

/// <summary>An S3-compatible object store (AWS, MinIO, Ceph, a provider's): addressed by path, as most of them expect.</summary>
public sealed class S3StoreOptions
{
    /// <summary>The service's address (<c>https://s3.ca-central-1.amazonaws.com</c>, <c>http://minio:9000</c>).</summary>
    public string? ServiceUrl { get; set; }

    public string? Bucket { get; set; }
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
    public string Region { get; set; } = "ca-central-1";

    /// <summary>Keys under this prefix (one bucket for several sites).</summary>
    public string Prefix { get; set; } = "fichiers/";
}

/// <summary>A file refused for what reading it would cost, with the French reason (after the file's name).</summary>
public sealed class FileTooCostlyException(string reason) : Exception(reason);
