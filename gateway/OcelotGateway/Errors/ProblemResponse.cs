using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace OcelotGateway.Errors;

/// <summary>
/// Writes RFC 7807 <c>application/problem+json</c> bodies for errors the gateway itself produces. Written with a
/// <see cref="Utf8JsonWriter"/> straight to the response, and never with exception details.
/// </summary>
public static class ProblemResponse
{
    public const string ContentType = "application/problem+json";

    // A JSON body, never embedded in HTML, so characters like '>' in "route -> /x" stay readable instead of \u003E.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task WriteAsync(HttpContext context, int status, string title, string detail, CancellationToken cancellationToken = default) =>
        WriteAsync(context, status, title, detail, null, cancellationToken);

    /// <param name="extensions">Writes extra members of the problem object (RFC 7807 extensions), e.g. a list of problems.</param>
    public static async Task WriteAsync(
        HttpContext context, int status, string title, string detail, Action<Utf8JsonWriter>? extensions, CancellationToken cancellationToken = default)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return;
        }

        context.Features.Set(new GatewayProblemFeature(status, title));

        // Headers a step already set (Retry-After, the request id) stay; only status and body are ours.
        response.StatusCode = status;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-store";

        await using (var writer = new Utf8JsonWriter(response.BodyWriter.AsStream(leaveOpen: true), WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("type", TypeFor(status));
            writer.WriteString("title", title);
            writer.WriteNumber("status", status);
            writer.WriteString("detail", detail);
            writer.WriteString("instance", context.Request.Path.Value);
            writer.WriteString("traceId", Activity.Current?.Id ?? context.TraceIdentifier);
            extensions?.Invoke(writer);
            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken);
        }
    }

    private static string TypeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        StatusCodes.Status401Unauthorized => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        StatusCodes.Status403Forbidden => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        StatusCodes.Status404NotFound => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        StatusCodes.Status408RequestTimeout => "https://tools.ietf.org/html/rfc9110#section-15.5.9",
        StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        StatusCodes.Status429TooManyRequests => "https://tools.ietf.org/html/rfc6585#section-4",
        StatusCodes.Status502BadGateway => "https://tools.ietf.org/html/rfc9110#section-15.6.3",
        StatusCodes.Status503ServiceUnavailable => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        StatusCodes.Status504GatewayTimeout => "https://tools.ietf.org/html/rfc9110#section-15.6.5",
        _ => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
    };
}
