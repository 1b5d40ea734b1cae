using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace OcelotGateway.Caching;

/// <summary>
/// Reads a request body into memory when a key needs it (content hashing, asynchronous request keys), never more than a
/// limit. The request's body is replaced so the downstream call still sends every byte, whether or not it fitted.
/// </summary>
internal static class RequestBodyBuffer
{
    /// <summary>The whole body, or null when it is larger than <paramref name="limit"/>.</summary>
    public static async ValueTask<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        if (request.ContentLength == 0 || request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return [];
        }

        var original = request.Body;
        using var copy = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await original.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (copy.Length + read > limit)
                {
                    copy.Write(chunk, 0, read);
                    request.Body = new PrefixedReadStream(copy.ToArray(), original);
                    return null;
                }

                copy.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        var body = copy.ToArray();
        request.Body = new MemoryStream(body, writable: false);
        return body;
    }
}
