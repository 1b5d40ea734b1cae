using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Forwarding;

/// <summary>
/// Bodies stream through the gateway in both directions: moving 100 MB must not grow memory by anything near 100 MB.
/// Gateway, stub and client share this process, so the bound is loose, but buffering would blow far past it.
/// </summary>
public sealed class StreamingTests
{
    private const long HundredMegabytes = 100L * 1024 * 1024;
    private const long AllowedGrowth = 40L * 1024 * 1024;

    [Fact]
    public async Task HundredMegabyteUploadAndDownload_StreamWithoutBuffering()
    {
        long receivedByStub = 0;
        await using var stub = await DownstreamStub.StartAsync(async context =>
        {
            if (HttpMethods.IsPost(context.Request.Method))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
                {
                    receivedByStub += read;
                }

                await context.Response.WriteAsync(receivedByStub.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return;
            }

            context.Response.ContentLength = HundredMegabytes;
            var chunk = new byte[81920];
            for (long sent = 0; sent < HundredMegabytes; sent += chunk.Length)
            {
                await context.Response.Body.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, HundredMegabytes - sent)), context.RequestAborted);
            }
        });
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(stub, "/{everything}", "/{everything}")));
        await gateway.Client.GetAsync("/warm-up");

        using var sampler = new MemorySampler();
        using var upload = new HttpRequestMessage(HttpMethod.Post, "/upload") { Content = new StreamContent(new GeneratedStream(HundredMegabytes)) };
        upload.Content.Headers.ContentLength = HundredMegabytes;
        var uploaded = await gateway.Client.SendAsync(upload);
        var download = await gateway.Client.GetAsync("/download", HttpCompletionOption.ResponseHeadersRead);
        long downloaded = 0;
        await using (var body = await download.Content.ReadAsStreamAsync())
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                downloaded += read;
            }
        }

        var growth = sampler.Stop();
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        Assert.Equal(HundredMegabytes, receivedByStub);
        Assert.Equal(HundredMegabytes, downloaded);
        Assert.True(growth < AllowedGrowth, $"memory grew by {growth / 1024 / 1024} MB while streaming 2 x 100 MB");
    }

    /// <summary>Peak working-set growth over the baseline, sampled while the transfer runs.</summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly long _baseline;
        private readonly Timer _timer;
        private long _peak;

        public MemorySampler()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            _baseline = Sample();
            _peak = _baseline;
            _timer = new Timer(_ => InterlockedMax(Sample()), null, 0, 20);
        }

        public long Stop()
        {
            _timer.Dispose();
            InterlockedMax(Sample());
            return Interlocked.Read(ref _peak) - _baseline;
        }

        public void Dispose() => _timer.Dispose();

        private static long Sample()
        {
            using var process = Process.GetCurrentProcess();
            return process.WorkingSet64;
        }

        private void InterlockedMax(long value)
        {
            long current;
            while (value > (current = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, value, current) != current)
            {
            }
        }
    }

    /// <summary>A read-only stream of zeros of a given length, produced on demand.</summary>
    private sealed class GeneratedStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            Array.Clear(buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task UploadOverTheServersBodyLimit_Answers413ProblemJson()
    {
        await using var stub = await DownstreamStub.StartAsync(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
        await using var gateway = await GatewayInstance.StartAsync(
            Routes(Route(stub, "/{everything}", "/{everything}")),
            o => o.ConfigureServices = services => services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(
                kestrel => kestrel.Limits.MaxRequestBodySize = 1024));

        // Chunked, so Kestrel finds out only while the gateway is already streaming the body downstream.
        using var content = new StreamContent(new MemoryStream(new byte[256 * 1024]));
        var response = await gateway.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/upload") { Content = content, Headers = { TransferEncodingChunked = true } });

        Assert.Equal(System.Net.HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
