using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OcelotGateway.Configuration.Reload;
using OcelotGateway.Errors;
using Yarp.ReverseProxy;

namespace OcelotGateway.Administration.Explain;

/// <summary>
/// <c>POST {path}/explain</c>: explains a request against the configuration serving now, with the instances the proxy has
/// now. Body: <c>{"method": "GET", "url": "/stock/MSFT", "headers": {"Name": "value"}, "clientAddress": "10.0.0.7"}</c>; a bare
/// path is taken as sent to this gateway, and the client address defaults to the caller's. The body is read as every
/// administration body is (<see cref="AdministrationBody"/>). 200 with the explanation whether or not a route matched; 400
/// problem+json for a body that is not such a request, 413 for one over 64 KiB, 503 before a configuration has loaded.
/// </summary>
internal static class ExplainEndpoints
{
    private const int MaxBodyBytes = 64 * 1024;

    public static RouteGroupBuilder MapExplain(this RouteGroupBuilder group)
    {
        group.MapPost("/explain", static async (HttpContext context, GatewayConfigurationState state, RouteExplainer explainer, IProxyStateLookup proxy) =>
        {
            if (state.Current is not { } current)
            {
                return await AdministrationAnswers.NotLoadedAsync(context);
            }

            if (await AdministrationBody.ReadAsync(context, MaxBodyBytes) is not { } body)
            {
                return await AdministrationBody.TooLargeAsync(context, "request to explain", MaxBodyBytes);
            }

            var (request, error) = Parse(context, body);
            if (request is null)
            {
                await ProblemResponse.WriteAsync(context, StatusCodes.Status400BadRequest, "Bad Request", error!, context.RequestAborted);
                return Results.Empty;
            }

            var explanation = await explainer.ExplainAsync(current, request, InstanceSource.Proxy(proxy), context.RequestAborted);
            return Results.Json(explanation, ExplanationJson.Options);
        })
            .WithSummary("Explains which route or aggregate would take a request and why the others would not, the downstream request and the policies; nothing is sent downstream.")
            .WithMetadata(new AdministrationRequestBody(
                "application/json",
                "The request to explain (at most 64 KiB): {\"method\": \"GET\", \"url\": \"/path?query\" or an absolute http(s) URL, \"headers\": {\"Name\": \"value\"}, \"clientAddress\": \"10.0.0.7\"}; headers and clientAddress are optional."))
            .Produces(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status413PayloadTooLarge)
            .Produces(StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    /// <summary>The request the body describes, or why it describes none (answer 400).</summary>
    private static (ExplainRequest? Request, string? Error) Parse(HttpContext context, byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return (null, "The body must be a JSON object: {\"method\": \"GET\", \"url\": \"/path\", \"headers\": {\"Name\": \"value\"}}.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "The body must be a JSON object with method and url.");
            }

            var headers = new List<KeyValuePair<string, string>>();
            if (root.TryGetProperty("headers", out var headerObject))
            {
                if (headerObject.ValueKind != JsonValueKind.Object)
                {
                    return (null, "headers must be an object of header names and string values.");
                }

                foreach (var header in headerObject.EnumerateObject())
                {
                    if (header.Value.ValueKind != JsonValueKind.String)
                    {
                        return (null, $"headers.{header.Name} must be a string.");
                    }

                    headers.Add(new(header.Name, header.Value.GetString()!));
                }
            }

            var client = context.Connection.RemoteIpAddress ?? IPAddress.Loopback;
            if (Text(root, "clientAddress") is { } address && !IPAddress.TryParse(address, out client))
            {
                return (null, "clientAddress must be an IP address.");
            }

            // A bare path goes to this gateway, as the caller reached it.
            if (!Uri.TryCreate(context.Request.Scheme + "://" + context.Request.Host.ToUriComponent(), UriKind.Absolute, out var self))
            {
                self = new Uri("http://localhost");
            }

            return ExplainRequest.TryCreate(Text(root, "method"), Text(root, "url"), headers, client, self, out var request, out var error)
                ? (request, null)
                : (null, error);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
