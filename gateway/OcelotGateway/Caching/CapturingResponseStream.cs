namespace OcelotGateway.Caching;

/// <summary>
/// Passes every write straight to the client's stream and keeps a copy of the bytes, up to a limit. Past the limit the copy is
/// dropped (the response will not be cached) while the client keeps receiving the body, so large or streamed responses are
/// never held back or buffered whole.
/// </summary>
internal sealed class CapturingResponseStream : Stream
{
    private readonly Stream _inner;
    private readonly int _limit;
    private MemoryStream? _copy = new();
    private bool _overflowed;

    public CapturingResponseStream(Stream inner, int limit)
    {
        _inner = inner;
        _limit = limit;
    }

    /// <summary>The body was larger than the limit; <see cref="Captured"/> is empty.</summary>
    public bool Overflowed => _overflowed;

    public ReadOnlyMemory<byte> Captured => _copy is null ? ReadOnlyMemory<byte>.Empty : _copy.GetBuffer().AsMemory(0, (int)_copy.Length);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _inner.Write(buffer);
        Keep(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _inner.WriteAsync(buffer, cancellationToken);
        Keep(buffer.Span);
    }

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _copy?.Dispose();
            _copy = null;
        }

        base.Dispose(disposing);
    }

    private void Keep(ReadOnlySpan<byte> bytes)
    {
        if (_copy is null)
        {
            return;
        }

        if (_copy.Length + bytes.Length > _limit)
        {
            _overflowed = true;
            _copy.Dispose();
            _copy = null;
            return;
        }

        _copy.Write(bytes);
    }
}
