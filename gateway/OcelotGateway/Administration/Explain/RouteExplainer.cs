using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using OcelotGateway.Aggregation;
using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Routing;
using OcelotGateway.Routing.Paths;
using OcelotGateway.Routing.Templates;
using OcelotGateway.Security;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms.Builder;

namespace OcelotGateway.Administration.Explain;

/// <summary>
/// Explains one request against a compiled configuration with the gateway's own parts: the path decoded as the server decodes
/// it and escaped as the matcher reads it (<see cref="ClientPath"/>), route selection through <see cref="UpstreamRouteMatching"/>
/// (the matcher's rules), refusals through the steps' own checks, the downstream request through the route's YARP transformer,
/// and the policies through the compiled policy objects. Only an operator's request runs it; the proxy never does.
/// </summary>
internal sealed class RouteExplainer
{
    private readonly ITransformBuilder _transforms;
    private readonly ClientAddressResolver _clients;
    private readonly AdministrationOptions _administration;
    private readonly IServiceProvider _services;

    public RouteExplainer(ITransformBuilder transforms, ClientAddressResolver clients, IOptions<AdministrationOptions> administration, IServiceProvider services)
    {
        _transforms = transforms;
        _clients = clients;
        _administration = administration.Value;
        _services = services;
    }

    /// <param name="instances">The instances of a cluster: configured ones offline, the proxy's current ones live.</param>
    public async Task<Explanation> ExplainAsync(
        CompiledConfiguration configuration, ExplainRequest request, InstanceSource instances, CancellationToken cancellationToken)
    {
        var explained = new ExplainedRequest(
            request.Method, request.Url, request.ClientAddress.ToString(), [.. request.Headers.Select(h => new ExplainedHeader(h.Key, h.Value))]);
        if (CreateContext(request) is not { } context)
        {
            return new Explanation
            {
                Request = explained,
                Live = instances.Live,
                Generation = configuration.Generation,
                Outcome = Explanation.RefusedOutcome,
                Summary = "the server refuses the path before any route is weighed: it holds an escaped NUL (%00); the answer is 400",
                Refusal = new ExplainedRefusal(StatusCodes.Status400BadRequest, "server", "An escaped NUL (%00) in the path is refused by the server."),
                Candidates = [],
            };
        }

        var http = context.Request;

        // What the matcher reads: the path in its escaped client form, the raw query.
        var path = ClientPath.Of(http);
        var query = http.QueryString.Value;
        var weighed = CandidateExplainer.Weigh(configuration, http, path, query);
        var best = weighed.Where(w => w.Mismatch == UpstreamMismatch.None).Select(w => w.Route)
            .Aggregate((IUpstreamRoute?)null, (current, next) => current is null || UpstreamRouteMatching.IsPreferred(next, current) ? next : current);
        var candidates = weighed
            .Select(w => CandidateExplainer.Candidate(configuration, w.Route, w.Mismatch, best, http, path, query))
            .OrderBy(c => c.Verdict switch { ExplainedCandidate.Chosen => 0, ExplainedCandidate.Outranked => 1, _ => 2 })
            .ToArray();

        // Administration endpoints are matched by ASP.NET routing, on the decoded path.
        var administration = IsAdministrationPath(http.Path.Value!);
        if (administration || best is null)
        {
            return new Explanation
            {
                Request = explained,
                Live = instances.Live,
                Generation = configuration.Generation,
                Outcome = administration ? Explanation.AdministrationOutcome : Explanation.NoRouteOutcome,
                Summary = administration
                    ? $"{_administration.Path} is the administration API's path: the gateway answers it itself and never routes it downstream"
                    : "no route or aggregate takes this request: the gateway answers 404",
                Candidates = candidates,
            };
        }

        var placeholders = UpstreamRouteMatching.ReadPlaceholders(best, http.Headers, path, query);
        var values = placeholders.ToDictionary(p => "{" + p.Key + "}", p => p.Value, StringComparer.Ordinal);
        if (best is CompiledAggregate aggregate)
        {
            return new Explanation
            {
                Request = explained,
                Live = instances.Live,
                Generation = configuration.Generation,
                Outcome = Explanation.AggregateOutcome,
                Summary = $"{request.Method} {path} is answered by {aggregate.DisplayName}, which combines {string.Join(", ", aggregate.RouteKeys)}",
                Match = RouteLocation.Describe(configuration, aggregate),
                Placeholders = values,
                Candidates = candidates,
                Parts = await PartsAsync(configuration, aggregate, context, placeholders, instances, cancellationToken),
            };
        }

        var route = (CompiledRoute)best;
        var feature = Attach(context, route, placeholders);
        var refusal = RefusalExplainer.Explain(context, feature, _clients);
        var (proxyRoute, cluster) = ProxyConfigOf(configuration, route);
        var routeInstances = instances.Find(cluster);
        return new Explanation
        {
            Request = explained,
            Live = instances.Live,
            Generation = configuration.Generation,
            Outcome = Explanation.RouteOutcome,
            Summary = $"{request.Method} {path} is taken by {route.DisplayName}"
                + (refusal is null ? string.Empty : $", but the gateway refuses it with {refusal.Status} ({refusal.Step}): {refusal.Detail}"),
            Match = RouteLocation.Describe(configuration, route),
            Refusal = refusal,
            Placeholders = values,
            Candidates = candidates,
            Downstream = feature.DownstreamTarget is null
                ? null
                : await DownstreamExplainer.ExplainAsync(context, route, proxyRoute, cluster, routeInstances, instances.Live, _transforms, cancellationToken),
            Policies = PolicyExplainer.Explain(context, feature, cluster, routeInstances, instances.Live, _clients),
        };
    }

    private async Task<IReadOnlyList<ExplainedPart>> PartsAsync(
        CompiledConfiguration configuration,
        CompiledAggregate aggregate,
        HttpContext upstream,
        PlaceholderValues placeholders,
        InstanceSource instances,
        CancellationToken cancellationToken)
    {
        var parts = new List<ExplainedPart>(aggregate.RouteKeys.Count);
        foreach (var key in aggregate.RouteKeys)
        {
            // As the aggregate's route lookup: the last route with the key serves it.
            var route = configuration.Routes.LastOrDefault(r => string.Equals(r.Key, key, StringComparison.Ordinal));
            var dependsOn = aggregate.Dependencies.TryGetValue(key, out var dependency)
                ? $"{aggregate.RouteKeys[0]} answers first; {{{dependency.Parameter}}} is taken from its {dependency.JsonPath}"
                : null;
            if (route is null)
            {
                parts.Add(new ExplainedPart(key, null, aggregate.OptionalKeys.Contains(key), dependsOn, null));
                continue;
            }

            // Each part runs as a sub-request with the caller's method, path, query and headers and the aggregate's placeholders,
            // through the route's whole pipeline: it can be refused as a request of its own.
            var context = CreateContext(upstream);
            var feature = Attach(context, route, Copy(placeholders));
            var refusal = RefusalExplainer.Explain(context, feature, _clients);
            var (proxyRoute, cluster) = ProxyConfigOf(configuration, route);
            var downstream = feature.DownstreamTarget is null
                ? null
                : await DownstreamExplainer.ExplainAsync(context, route, proxyRoute, cluster, instances.Find(cluster), instances.Live, _transforms, cancellationToken);
            parts.Add(new ExplainedPart(key, RouteLocation.Describe(configuration, route), aggregate.OptionalKeys.Contains(key), dependsOn, downstream, refusal));
        }

        return parts;
    }

    private static GatewayRouteFeature Attach(HttpContext context, CompiledRoute route, PlaceholderValues placeholders)
    {
        var feature = new GatewayRouteFeature(route, placeholders);
        if (route.RequestIdKey is { } key)
        {
            var incoming = context.Request.Headers[key];
            feature.RequestId = incoming.Count > 0 && !string.IsNullOrEmpty(incoming[0]) ? incoming[0] : "(new id)";
        }

        context.Features.Set(feature);
        return feature;
    }

    private static (RouteConfig Route, ClusterConfig Cluster) ProxyConfigOf(CompiledConfiguration configuration, CompiledRoute route) =>
        (configuration.ProxyRoutes.First(r => string.Equals(r.RouteId, route.RouteId, StringComparison.Ordinal)),
         configuration.ProxyClusters.First(c => string.Equals(c.ClusterId, route.ClusterId, StringComparison.Ordinal)));

    private static PlaceholderValues Copy(PlaceholderValues values)
    {
        var copy = new PlaceholderValues();
        foreach (var (name, value) in values)
        {
            copy.Add(name, value);
        }

        return copy;
    }

    private bool IsAdministrationPath(string path) =>
        _administration.IsEnabled
        && path.StartsWith(_administration.Path, StringComparison.OrdinalIgnoreCase)
        && (path.Length == _administration.Path.Length || path[_administration.Path.Length] == '/');

    /// <summary>The request as the server hands it over: the path decoded as the server decodes it; null when it refuses the path.</summary>
    private DefaultHttpContext? CreateContext(ExplainRequest request)
    {
        var queryStart = request.RawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = queryStart < 0 ? request.RawTarget : request.RawTarget[..queryStart];
        if (!RawPathDecoder.TryDecode(rawPath, out var decoded, out _))
        {
            return null;
        }

        var context = new DefaultHttpContext { RequestServices = _services };
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = request.RawTarget;
        var http = context.Request;
        http.Method = request.Method;
        http.Scheme = request.Authority.Scheme;
        http.Host = HostString.FromUriComponent(request.Authority);
        http.Path = new PathString(decoded);
        http.QueryString = queryStart < 0 ? QueryString.Empty : new QueryString(request.RawTarget[queryStart..]);
        foreach (var (name, value) in request.Headers)
        {
            http.Headers.Append(name, value);
        }

        context.Connection.RemoteIpAddress = request.ClientAddress;
        return context;
    }

    private DefaultHttpContext CreateContext(HttpContext upstream)
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        var http = context.Request;
        http.Method = upstream.Request.Method;
        http.Scheme = upstream.Request.Scheme;
        http.Host = upstream.Request.Host;
        http.Path = upstream.Request.Path;
        http.QueryString = upstream.Request.QueryString;
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = upstream.Features.Get<IHttpRequestFeature>()!.RawTarget;
        foreach (var (name, value) in upstream.Request.Headers)
        {
            http.Headers[name] = value;
        }

        context.Connection.RemoteIpAddress = upstream.Connection.RemoteIpAddress;
        return context;
    }
}
