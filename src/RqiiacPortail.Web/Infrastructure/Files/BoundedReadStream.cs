namespace RqiiacPortail.Web.Infrastructure.Files;

/// <summary>
/// A read-only view of a stream that stops whoever reads it once a time budget is spent or the request is
/// cancelled. Parsers such as PdfPig have no cancellation of their own but read their input constantly, so this
/// is where a damaged file's endless repair attempts are cut short.
/// </summary>
internal sealed class BoundedReadStream(Stream inner, TimeSpan budget, CancellationToken ct) : Stream
{
    private readonly long _deadline = Environment.TickCount64 + (long)budget.TotalMilliseconds;
    private int _reads;

    public override bool CanRead => true;
    public override bool CanSeek => inner.CanSeek;
    public override bool CanWrite => false;
    public override long Length => inner.Length;
    public override long Position { get => inner.Position; set => inner.Position = value; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        Check();
        return inner.Read(buffer, offset, count);
    }

    public override int Read(Span<byte> buffer)
    {
        Check();
        return inner.Read(buffer);
    }

    public override int ReadByte()
    {
        Check();
        return inner.ReadByte();
    }

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    // Some parsers read a byte at a time: look at the clock every few thousand reads only.
    private void Check()
    {
        if (++_reads % 4096 != 0) return;
        ct.ThrowIfCancellationRequested();
        if (Environment.TickCount64 > _deadline)
            throw new FileTooCostlyException($"demande plus de {budget.TotalSeconds:0} secondes de lecture : vérifiez qu'il s'ouvre bien, ou enregistrez-le de nouveau.");
    }
}
