using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace OcelotGateway.Caching;

/// <summary>
/// The response body as seen by the steps after the cache step and by YARP's forwarder: writes go through a
/// <see cref="CapturingResponseStream"/>; starting, completing and buffering decisions are the real response's.
/// </summary>
internal sealed class CapturingResponseBodyFeature : IHttpResponseBodyFeature, IDisposable
{
    private readonly IHttpResponseBodyFeature _inner;
    private readonly CapturingResponseStream _stream;
    private PipeWriter? _writer;

    public CapturingResponseBodyFeature(IHttpResponseBodyFeature inner, int limit)
    {
        _inner = inner;
        _stream = new CapturingResponseStream(inner.Stream, limit);
    }

    public CapturingResponseStream Capture => _stream;

    public Stream Stream => _stream;

    public PipeWriter Writer => _writer ??= PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));

    public void DisableBuffering() => _inner.DisableBuffering();

    public Task StartAsync(CancellationToken cancellationToken = default) => _inner.StartAsync(cancellationToken);

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        SendFileFallback.SendFileAsync(_stream, path, offset, count, cancellationToken);

    public async Task CompleteAsync()
    {
        await FlushWriterAsync();
        await _inner.CompleteAsync();
    }

    /// <summary>Drops the captured copy; the client's stream is not ours to close.</summary>
    public void Dispose() => _stream.Dispose();

    /// <summary>Pushes bytes a step wrote through <see cref="Writer"/> into the stream before the capture is read.</summary>
    public async ValueTask FlushWriterAsync()
    {
        if (_writer is not null)
        {
            await _writer.FlushAsync();
        }
    }
}
