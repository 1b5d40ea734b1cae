using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using OcelotGateway.Routing;
using OcelotGateway.Routing.Forwarding;
using OcelotGateway.Security;
using OcelotGateway.Transforms;

namespace OcelotGateway.Caching;

/// <summary>
/// The cache key of a request: every input the gateway forwards that can change the answer, so an entry is only served to
/// requests that would get the same answer. Ocelot keys on the method, URL, one header and the body; we add the route, the
/// X-Forwarded-* values, values the route's transforms compute from the request, and the caller on authenticated routes.
/// Other request headers reach downstream unkeyed, as in Ocelot; a downstream that answers by them says so with <c>Vary</c>
/// (see <see cref="CacheEntry"/>).
/// </summary>
internal static class CacheRequestKey
{
    private const string ForwardedHeader = "Forwarded";

    private static readonly string[] XForwardedHeaders = ["X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-Prefix"];

    /// <summary>
    /// Why the request bypasses the cache (null when it does not), and the caller the key covers: the authenticated caller on a
    /// route whose policy keys on it, else null.
    /// </summary>
    public static string? BypassReason(HttpContext context, GatewayRouteFeature feature, CachePolicy policy, out string? caller)
    {
        caller = null;
        if (policy.KeysOnCaller)
        {
            caller = CallerIdentity.Of(context.User);
            return caller is null ? "the authenticated caller has no sub, name identifier or name claim" : null;
        }

        // Downstream may authorize by these credentials itself; the key does not cover them.
        return feature.Route.Authentication is null && context.Request.Headers.Authorization.Count > 0
            && !policy.Header.Equals(HeaderNames.Authorization, StringComparison.OrdinalIgnoreCase)
            ? "it carries Authorization on a route without authentication"
            : null;
    }

    /// <param name="caller">The authenticated caller (<see cref="Security.CallerIdentity"/>) when the policy keys on it, else null.</param>
    /// <param name="body">The request body when the policy hashes content.</param>
    public static string Compose(HttpContext context, GatewayRouteFeature feature, CachePolicy policy, Uri downstreamUrl, string? caller, ReadOnlySpan<byte> body)
    {
        var request = context.Request;
        var route = feature.Route;
        using var key = new CacheKey();
        key.Add(policy.RouteIdentity)
            .Add((route.DownstreamHttpMethod ?? request.Method).ToUpperInvariant())
            .Add(downstreamUrl.AbsoluteUri)
            .Add(request.Headers[policy.Header])
            .Add(caller);
        AddForwarded(key, context, route.AddsForwardedHeaders);
        AddTransformed(key, context, route.RequestTransforms);
        if (policy.EnableContentHashing)
        {
            key.AddBytes(body);
        }

        return key.Finish();
    }

    /// <summary>
    /// With the route's forwarders on (YARP's default), X-Forwarded-For/-Proto/-Host/-Prefix are replaced by the client
    /// address, scheme, Host and path base; with them off, whatever the client sent in those headers passes through. Either
    /// way the forwarded values are keyed, so a downstream that builds links from them cannot have its answer served to a
    /// client that sent other ones. <c>Forwarded</c> (RFC 7239) always passes through.
    /// </summary>
    private static void AddForwarded(CacheKey key, HttpContext context, bool addsForwardedHeaders)
    {
        var request = context.Request;
        key.Add(request.Headers[ForwardedHeader]);
        if (addsForwardedHeaders)
        {
            key.Add(context.Connection.RemoteIpAddress?.ToString())
                .Add(request.Scheme)
                .Add(request.Host.Value)
                .Add(request.PathBase.Value);
            return;
        }

        foreach (var header in XForwardedHeaders)
        {
            key.Add(request.Headers[header]);
        }
    }

    /// <summary>Headers the route sets from the request (<c>{RemoteIpAddress}</c>, <c>{UpstreamHost}</c>) or from claims.</summary>
    private static void AddTransformed(CacheKey key, HttpContext context, RequestTransformPlan plan)
    {
        if (plan.IsEmpty)
        {
            return;
        }

        foreach (var transform in plan.HeaderTransforms)
        {
            if (transform.Kind == HeaderTransformKind.Set)
            {
                key.Add(DownstreamRequestTransform.ResolveRequestPlaceholder(transform.Value, context));
            }
        }

        foreach (var addition in plan.AddHeaders)
        {
            key.Add(DownstreamRequestTransform.Resolve(addition, context));
        }
    }
}
