using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace OcelotGateway.Caching;

/// <summary>Writes a stored response to the client exactly as downstream sent it: status, reason phrase, headers and body.</summary>
internal static class CachedResponseWriter
{
    public static async Task WriteAsync(HttpContext context, CachedResponse cached, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = cached.StatusCode;
        if (cached.ReasonPhrase is not null && context.Features.Get<IHttpResponseFeature>() is { } feature)
        {
            feature.ReasonPhrase = cached.ReasonPhrase;
        }

        foreach (var (name, values) in cached.Headers)
        {
            // Headers earlier steps set for this request (rate-limit counters, ...) stay, as they would on a forwarded response.
            response.Headers[name] = StringValues.Concat(response.Headers[name], values);
        }

        if (cached.Body.Length > 0)
        {
            // The stored length is the body's; a downstream that streamed (chunked) gets an exact Content-Length on hits.
            response.ContentLength = cached.Body.Length;
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await response.Body.WriteAsync(cached.Body, cancellationToken);
            }
        }
    }

    /// <summary>Whole seconds since the response was stored, as in the HTTP <c>Age</c> header.</summary>
    public static void SetAge(HttpResponse response, CachedResponse cached, DateTimeOffset now) =>
        response.Headers[HeaderNames.Age] = Math.Max(0, (long)(now - cached.StoredAt).TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
