using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace OcelotGateway.Aggregation;

/// <summary>
/// The response side of a sub-request: status, headers and a body kept in memory for the aggregator. It starts like a server
/// response does (on the first write or flush, running OnStarting callbacks), so steps that check <c>HasStarted</c> (retry,
/// error writers) behave as they do for a normal request.
/// </summary>
internal sealed class SubResponse : IHttpResponseFeature, IHttpResponseBodyFeature, IDisposable
{
    private readonly MemoryStream _buffer = new();
    private readonly StartingStream _stream;
    private readonly List<(Func<object, Task> Callback, object State)> _onStarting = [];
    private readonly List<(Func<object, Task> Callback, object State)> _onCompleted = [];
    private PipeWriter? _writer;
    private bool _started;

    public SubResponse()
    {
        _stream = new StartingStream(this, _buffer);
        Body = _stream;
    }

    public int StatusCode { get; set; } = StatusCodes.Status200OK;

    public string? ReasonPhrase { get; set; }

    public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();

    public Stream Body { get; set; }

    public bool HasStarted => _started;

    public Stream Stream => _stream;

    public PipeWriter Writer => _writer ??= PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));

    /// <summary>The bytes written so far.</summary>
    public ReadOnlyMemory<byte> Captured => _buffer.GetBuffer().AsMemory(0, (int)_buffer.Length);

    public void OnStarting(Func<object, Task> callback, object state) => _onStarting.Add((callback, state));

    public void OnCompleted(Func<object, Task> callback, object state) => _onCompleted.Add((callback, state));

    public void DisableBuffering()
    {
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_started)
        {
            return;
        }

        _started = true;

        // Registered last, run first: the order servers use.
        for (var i = _onStarting.Count - 1; i >= 0; i--)
        {
            await _onStarting[i].Callback(_onStarting[i].State);
        }
    }

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        SendFileFallback.SendFileAsync(_stream, path, offset, count, cancellationToken);

    public async Task CompleteAsync()
    {
        await StartAsync();
        if (_writer is not null)
        {
            await _writer.FlushAsync();
        }
    }

    /// <summary>Ends the sub-request as a server ends a request: flushes what a step left in the writer, then OnCompleted callbacks.</summary>
    public async Task FinishAsync()
    {
        await CompleteAsync();
        for (var i = _onCompleted.Count - 1; i >= 0; i--)
        {
            await _onCompleted[i].Callback(_onCompleted[i].State);
        }
    }

    /// <summary>The captured bytes stay readable: <see cref="Captured"/> refers to the array, which outlives the streams.</summary>
    public void Dispose()
    {
        _stream.Dispose();
        _buffer.Dispose();
    }

    private sealed class StartingStream(SubResponse owner, MemoryStream sink) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        // As on Kestrel by default: synchronous writes would block a thread on a network write.
        public override void Write(byte[] buffer, int offset, int count) =>
            throw new InvalidOperationException("Synchronous operations are disallowed; write the response asynchronously.");

        public override void Flush()
        {
        }

        public override async Task FlushAsync(CancellationToken cancellationToken) => await owner.StartAsync(cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await owner.StartAsync(cancellationToken);
            sink.Write(buffer.Span);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
