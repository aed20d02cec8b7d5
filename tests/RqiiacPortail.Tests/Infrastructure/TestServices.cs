namespace RqiiacPortail.Tests.Infrastructure;

/// <summary>
/// The real servers the suite talks to, started by <c>tests/run-all.sh</c> and named in environment variables.
/// </summary>
public static class TestServices
{
    /// <summary>A PostgreSQL server: <c>Host=127.0.0.1;Port=…;Username=postgres</c>; each factory makes its own database.</summary>
    public static string Postgres => Required("RQIIAC_TEST_POSTGRES");

    /// <summary>An SMTP server on loopback (<c>127.0.0.1:PORT</c>) that stores messages in <see cref="Maildir"/>.</summary>
    public static (string Host, int Port) Smtp
    {
        get
        {
            var value = Required("RQIIAC_TEST_SMTP");
            var colon = value.LastIndexOf(':');
            return (value[..colon], int.Parse(value[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public static string Maildir => Required("RQIIAC_TEST_MAILDIR");

    public static string? Redis => Environment.GetEnvironmentVariable("RQIIAC_TEST_REDIS");

    /// <summary>An S3-compatible object store on loopback (<c>http://127.0.0.1:PORT</c>, s3rver) with the bucket <see cref="S3Bucket"/>.</summary>
    public static string S3 => Required("RQIIAC_TEST_S3");

    public const string S3Bucket = "portail";

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the suite with `bash tests/run-all.sh`, which starts the servers it needs.");
}
