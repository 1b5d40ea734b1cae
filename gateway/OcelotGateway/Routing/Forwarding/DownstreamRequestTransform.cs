using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using OcelotGateway.Transforms;
using Yarp.ReverseProxy.Transforms;

namespace OcelotGateway.Routing.Forwarding;

/// <summary>
/// Builds the downstream request of a gateway route: URL from the downstream template and placeholders, forced method,
/// request id, header transforms and added headers and query parameters.
/// </summary>
internal static class DownstreamRequestTransform
{
    public static ValueTask ApplyAsync(RequestTransformContext context)
    {
        if (context.HttpContext.Features.Get<GatewayRouteFeature>() is not { } feature)
        {
            return ValueTask.CompletedTask;
        }

        var route = feature.Route;
        var uri = BuildUri(context.HttpContext, feature, context.DestinationPrefix);
        context.ProxyRequest.RequestUri = uri;
        feature.DownstreamUri = uri;

        if (route.DownstreamHttpMethod is not null)
        {
            context.ProxyRequest.Method = HttpMethod.Parse(route.DownstreamHttpMethod);
        }

        foreach (var connection in context.HttpContext.Request.Headers.Connection)
        {
            ConnectionHeaderTokens.ForEachNominated(connection, context, static (c, name) => RequestTransform.RemoveHeader(c, name));
        }

        if (feature.RequestId is not null)
        {
            RequestTransform.RemoveHeader(context, route.RequestIdKey!);
            context.ProxyRequest.Headers.TryAddWithoutValidation(route.RequestIdKey!, feature.RequestId);
        }

        if (!route.RequestTransforms.IsEmpty)
        {
            ApplyHeaders(context, route.RequestTransforms);
        }

        return ValueTask.CompletedTask;
    }

    // The path and query are final as built: System.Uri would otherwise decode escapes of unreserved characters (%41, %2e)
    // and then resolve dot segments, decoding the client's text a second time and leading a request out of the route.
    private static readonly UriCreationOptions AsBuilt = new() { DangerousDisablePathAndQueryCanonicalization = true };

    /// <summary>
    /// The absolute downstream URL of the request on the given destination. The response cache keys on it before the call is
    /// made, so it is built here, in one place, for both.
    /// </summary>
    internal static Uri BuildUri(HttpContext httpContext, GatewayRouteFeature feature, string destinationPrefix)
    {
        var route = feature.Route;
        var request = httpContext.Request;
        var target = feature.DownstreamTarget
            ?? throw new InvalidOperationException("The downstream target is built before any downstream call (ForwardableRequestStep).");
        var query = route.RequestTransforms.AddQueries.Count == 0
            ? target.QueryString
            : AddQueries(target.QueryString, route.RequestTransforms.AddQueries, httpContext);

        return new Uri(DestinationBase(destinationPrefix, route, request) + new PathString(target.Path).ToUriComponent() + query, AsBuilt);
    }

    /// <summary>The chosen destination, with the upstream scheme when the route sets none, and the upstream port for port 0 hosts.</summary>
    private static string DestinationBase(string prefix, Configuration.Compilation.CompiledRoute route, HttpRequest request)
    {
        var trimmed = prefix.EndsWith('/') ? prefix[..^1] : prefix;
        if ((route.DownstreamScheme is not null || !request.IsHttps) && !route.KeepsUpstreamPort)
        {
            return trimmed;
        }

        var builder = new UriBuilder(trimmed);
        if (route.DownstreamScheme is null && request.IsHttps)
        {
            builder.Scheme = Uri.UriSchemeHttps;
        }

        if (route.KeepsUpstreamPort && request.Host.Port is { } port)
        {
            builder.Port = port;
        }

        return builder.Uri.GetLeftPart(UriPartial.Authority);
    }

    private static string AddQueries(string queryString, IReadOnlyList<ValueSource> additions, HttpContext httpContext)
    {
        var parsed = QueryHelpers.ParseQuery(queryString);
        foreach (var addition in additions)
        {
            if (Resolve(addition, httpContext) is { } value)
            {
                parsed[addition.Name] = value;
            }
        }

        var builder = new QueryBuilder();
        foreach (var (name, values) in parsed)
        {
            builder.Add(name, (IEnumerable<string>)values);
        }

        return builder.ToQueryString().Value ?? string.Empty;
    }

    private static void ApplyHeaders(RequestTransformContext context, RequestTransformPlan plan)
    {
        var httpContext = context.HttpContext;
        foreach (var transform in plan.HeaderTransforms)
        {
            if (transform.Kind == HeaderTransformKind.Set)
            {
                if (ResolveRequestPlaceholder(transform.Value, httpContext) is { } value)
                {
                    RequestTransform.RemoveHeader(context, transform.HeaderName);
                    context.ProxyRequest.Headers.TryAddWithoutValidation(transform.HeaderName, value);
                }

                continue;
            }

            var existing = RequestTransform.TakeHeader(context, transform.HeaderName);
            if (StringValues.IsNullOrEmpty(existing))
            {
                continue;
            }

            var values = existing.ToArray();
            values[0] = values[0]!.Replace(transform.Value, transform.Replacement, StringComparison.Ordinal);
            RequestTransform.AddHeader(context, transform.HeaderName, values);
        }

        foreach (var addition in plan.AddHeaders)
        {
            if (Resolve(addition, httpContext) is { } value)
            {
                RequestTransform.RemoveHeader(context, addition.Name);
                context.ProxyRequest.Headers.TryAddWithoutValidation(addition.Name, value);
            }
        }
    }

    /// <summary>An added header's or query's value for this request; null when its claim is missing.</summary>
    internal static string? Resolve(ValueSource source, HttpContext httpContext)
    {
        if (source.Claim is null)
        {
            return source.Literal;
        }

        return source.Claim.TryResolve(httpContext.User, out var value) ? value : null;
    }

    /// <summary>A header transform's value to set: a literal, or a request placeholder's value (null when unknown).</summary>
    internal static string? ResolveRequestPlaceholder(string value, HttpContext httpContext) => value switch
    {
        "{RemoteIpAddress}" => httpContext.Connection.RemoteIpAddress?.ToString(),
        "{UpstreamHost}" => httpContext.Request.Headers.Host.ToString(),
        _ when value.Length > 2 && value[0] == '{' && value[^1] == '}' => null,
        _ => value,
    };
}
