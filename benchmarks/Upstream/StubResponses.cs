using System.Globalization;
using System.Text;

namespace OcelotGateway.Benchmarks.Upstream;

/// <summary>The stub's answers, prepared once so every request costs the upstream as little as possible.</summary>
internal static class StubResponses
{
    public const long DownloadBytes = 100L * 1024 * 1024;

    public static readonly TimeSpan SlowLatency = TimeSpan.FromMilliseconds(50);

    // About 200 bytes, shaped like a small API answer.
    private static readonly byte[] Json = Encoding.UTF8.GetBytes(
        """{"id":4711,"symbol":"MSFT","name":"Microsoft Corporation","sector":"Technology","price":421.17,"currency":"USD","change":-1.25,"volume":18234567,"updated":"2026-01-02T15:04:05Z","tags":["large-cap"]}""");

    private static readonly byte[] Chunk = CreateChunk();

    public static Task WriteJsonAsync(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "application/json";
        response.ContentLength = Json.Length;
        return response.Body.WriteAsync(Json, context.RequestAborted).AsTask();
    }

    /// <summary>Streams <see cref="DownloadBytes"/> from one reused buffer: the stub itself never holds the whole body.</summary>
    public static async Task WriteDownloadAsync(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "application/octet-stream";
        response.ContentLength = DownloadBytes;
        for (var sent = 0L; sent < DownloadBytes; sent += Chunk.Length)
        {
            await response.Body.WriteAsync(Chunk, context.RequestAborted);
        }
    }

    /// <summary>Reads and discards the body, answering how many bytes arrived.</summary>
    public static async Task CountUploadAsync(HttpContext context)
    {
        var buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            total += read;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(
            string.Create(CultureInfo.InvariantCulture, $$"""{"bytes":{{total}}}"""), context.RequestAborted);
    }

    private static byte[] CreateChunk()
    {
        var chunk = new byte[64 * 1024];
        for (var i = 0; i < chunk.Length; i++)
        {
            chunk[i] = (byte)('a' + (i % 26));
        }

        return chunk;
    }
}
