using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using OcelotGateway.Errors;

namespace OcelotGateway.Aggregation;

/// <summary>Writes what an aggregate answers: a body built by an aggregator, a part passed through, or a problem for a failed part.</summary>
internal static class AggregateResponseWriter
{
    public static async Task WriteAsync(HttpContext context, int status, string? contentType, ReadOnlyMemory<byte> body, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        var response = context.Response;
        response.StatusCode = status;
        foreach (var (name, value) in headers ?? [])
        {
            response.Headers[name] = value;
        }

        response.ContentType = contentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>A part's response as the answer, as Ocelot does for an aggregate of one route.</summary>
    public static async Task PassThroughAsync(HttpContext context, AggregatePartResponse part)
    {
        var response = context.Response;
        response.StatusCode = part.StatusCode;
        foreach (var (name, values) in part.Headers)
        {
            if (!name.Equals(HeaderNames.TransferEncoding, StringComparison.OrdinalIgnoreCase))
            {
                response.Headers[name] = values;
            }
        }

        response.ContentLength = part.Body.Length;
        await response.Body.WriteAsync(part.Body, context.RequestAborted);
    }

    /// <summary>
    /// The aggregate fails because of <paramref name="part"/>. When the gateway refused the part (401, 429, 503...) its own
    /// problem answer is passed on, with WWW-Authenticate or Retry-After; otherwise a problem names the part.
    /// </summary>
    public static Task FailAsync(HttpContext context, AggregatePartResponse part, int status)
    {
        if (part.GatewayError is not null && !part.Body.IsEmpty)
        {
            return PassThroughAsync(context, part);
        }

        var title = ReasonPhrases.GetReasonPhrase(status);
        var detail = part.GatewayError is not null
            ? $"Part '{part.RouteKey}' of this aggregate failed: {part.GatewayError}."
            : $"Part '{part.RouteKey}' of this aggregate failed: its service answered {part.StatusCode}.";
        return ProblemResponse.WriteAsync(context, status, title, detail, context.RequestAborted);
    }
}
