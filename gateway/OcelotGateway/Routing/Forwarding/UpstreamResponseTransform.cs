using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using OcelotGateway.Transforms;
using Yarp.ReverseProxy.Transforms;

namespace OcelotGateway.Routing.Forwarding;

/// <summary>
/// Runs once downstream response headers have arrived: the route timeout stops counting (Ocelot's timeout covers the call, not
/// a long body download) and <c>DownstreamHeaderTransform</c> is applied; the request id goes back to the client, and the
/// gateway's rate-limit headers replace any the downstream sent.
/// </summary>
internal static class UpstreamResponseTransform
{
    public static ValueTask ApplyAsync(ResponseTransformContext context)
    {
        if (context.ProxyResponse is null || context.HttpContext.Features.Get<GatewayRouteFeature>() is not { } feature)
        {
            return ValueTask.CompletedTask;
        }

        feature.Deadline?.Stop();
        feature.DownstreamDeadline?.Stop();
        var response = context.HttpContext.Response;
        if (feature.MayRetry && context.ProxyResponse.StatusCode is System.Net.HttpStatusCode.BadGateway
            or System.Net.HttpStatusCode.ServiceUnavailable or System.Net.HttpStatusCode.GatewayTimeout)
        {
            context.SuppressResponseBody = true;
            feature.RetryableBodySuppressed = true;
        }

        if (context.ProxyResponse.Headers.TryGetValues("Connection", out var connections))
        {
            foreach (var connection in connections)
            {
                ConnectionHeaderTokens.ForEachNominated(connection, response.Headers, static (h, name) => h.Remove(name));
            }
        }

        if (feature.RequestId is not null)
        {
            response.Headers[feature.Route.RequestIdKey!] = feature.RequestId;
        }

        if (feature.RateLimitHeadersSet)
        {
            KeepGatewayValues(response.Headers, RateLimiting.RateLimitingStep.Headers);
        }

        var plan = feature.Route.ResponseTransforms;
        if (plan.IsEmpty)
        {
            return ValueTask.CompletedTask;
        }

        foreach (var transform in plan.HeaderTransforms)
        {
            if (transform.Kind == HeaderTransformKind.Set)
            {
                // Ocelot appends the header, but a header the downstream already sent is what the client gets.
                if (!response.Headers.ContainsKey(transform.HeaderName) && Resolve(transform.Value) is { } value)
                {
                    response.Headers[transform.HeaderName] = value;
                }

                continue;
            }

            var existing = response.Headers[transform.HeaderName];
            if (StringValues.IsNullOrEmpty(existing))
            {
                continue;
            }

            var find = transform.Value == "{DownstreamBaseUrl}" ? DownstreamBaseUrl(context.ProxyResponse.RequestMessage?.RequestUri) : transform.Value;
            if (find is null)
            {
                continue;
            }

            var values = existing.ToArray();
            values[0] = values[0]!.Replace(find, transform.Replacement, StringComparison.Ordinal);
            response.Headers[transform.HeaderName] = values;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// YARP appends the downstream's values to headers the gateway set before the call; the gateway's value (the first) is
    /// what the client gets, as Ocelot sets these headers last.
    /// </summary>
    private static void KeepGatewayValues(IHeaderDictionary headers, string[] names)
    {
        foreach (var name in names)
        {
            var values = headers[name];
            if (values.Count > 1)
            {
                headers[name] = values[0];
            }
        }
    }

    private static string? Resolve(string value) => value switch
    {
        "{TraceId}" => Activity.Current?.TraceId.ToString(),
        _ when value.Length > 2 && value[0] == '{' && value[^1] == '}' => null,
        _ => value,
    };

    /// <summary><c>scheme://host[:port]/</c> of the downstream call, the port left out when it is the scheme's default.</summary>
    private static string? DownstreamBaseUrl(Uri? uri) =>
        uri is null ? null : uri.IsDefaultPort ? $"{uri.Scheme}://{uri.Host}/" : $"{uri.Scheme}://{uri.Host}:{uri.Port}/";
}
