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
/// path is taken as sent to this gateway, and the client address defaults to the caller's. 200 with the explanation whether
/// or not a route matched; 400 problem+json for a body that is not such a request.
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

            var (request, error) = await ReadAsync(context);
            if (request is null)
            {
                await ProblemResponse.WriteAsync(context, StatusCodes.Status400BadRequest, "Bad Request", error!, context.RequestAborted);
                return Results.Empty;
            }

            var explanation = await explainer.ExplainAsync(current, request, InstanceSource.Proxy(proxy), context.RequestAborted);
            return Results.Json(explanation, ExplanationJson.Options);
        });
        return group;
    }

    private static async Task<(ExplainRequest? Request, string? Error)> ReadAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return (null, "The body is larger than 64 KiB.");
        }

        JsonDocument document;
        try
        {
            using var limited = new MemoryStream();
            var buffer = new byte[8192];
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                if (limited.Length + read > MaxBodyBytes)
                {
                    return (null, "The body is larger than 64 KiB.");
                }

                limited.Write(buffer, 0, read);
            }

            document = JsonDocument.Parse(limited.ToArray());
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
