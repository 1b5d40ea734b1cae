using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using OcelotGateway.Administration;

namespace OcelotGateway.Swagger;

/// <summary>
/// The administration API's operations as OpenAPI path items, read from the endpoints actually mapped under its path: an
/// endpoint added to the administration group appears in the gateway's document without a second list to keep in step.
/// </summary>
internal static class AdministrationOperations
{
    public static IEnumerable<KeyValuePair<string, JsonNode?>> Describe(EndpointDataSource endpoints, AdministrationOptions administration)
    {
        var security = new JsonArray();
        if (!string.IsNullOrEmpty(administration.ApiKey))
        {
            security.Add(new JsonObject { [GatewayOwnDocument.ApiKeyScheme] = new JsonArray() });
        }

        if (!string.IsNullOrEmpty(administration.AuthenticationScheme))
        {
            security.Add(new JsonObject { [GatewayOwnDocument.BearerScheme] = new JsonArray() });
        }

        var paths = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            // The group's fallback (404 for anything else under the path) maps no method: it is not an operation.
            if (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { HttpMethods.Count: > 0 } methods
                || endpoint.RoutePattern.RawText is not { } pattern
                || !pattern.StartsWith(administration.Path + "/", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var path = pattern.Replace("{**", "{", StringComparison.Ordinal);
            if (!paths.TryGetValue(path, out var item))
            {
                paths[path] = item = new JsonObject();
            }

            foreach (var method in methods.HttpMethods)
            {
                item[method.ToLowerInvariant()] = Operation(endpoint, security);
            }
        }

        return paths.Select(p => new KeyValuePair<string, JsonNode?>(p.Key, p.Value));
    }

    private static JsonObject Operation(RouteEndpoint endpoint, JsonArray security)
    {
        var responses = new JsonObject();
        foreach (var produces in endpoint.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>())
        {
            responses[produces.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)] =
                new JsonObject { ["description"] = ReasonPhrases.GetReasonPhrase(produces.StatusCode) };
        }

        // The console's page is served without credentials (it holds no data); everything else needs them.
        var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
        if (!anonymous)
        {
            responses["401"] = new JsonObject { ["description"] = "No valid API key or token" };
        }

        var operation = new JsonObject
        {
            ["tags"] = new JsonArray("Administration"),
            ["summary"] = endpoint.Metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary ?? endpoint.DisplayName,
            ["security"] = anonymous ? new JsonArray() : security.DeepClone(),
            ["responses"] = responses,
        };
        if (endpoint.Metadata.GetMetadata<AdministrationRequestBody>() is { } body)
        {
            operation["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["description"] = body.Description,
                ["content"] = new JsonObject { [body.ContentType] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } } },
            };
        }

        var parameters = new JsonArray();
        foreach (var parameter in endpoint.RoutePattern.Parameters)
        {
            parameters.Add(GatewayOwnDocument.PathParameter(parameter.Name, "Route value " + parameter.Name + "."));
        }

        if (parameters.Count > 0)
        {
            operation["parameters"] = parameters;
        }

        return operation;
    }
}
