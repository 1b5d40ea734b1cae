using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using OcelotGateway.Aggregation;
using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Routing.Paths;

namespace OcelotGateway.Routing;

/// <summary>
/// Applies Ocelot's route selection to the endpoints ASP.NET routing pre-selected by literal path prefix: method, upstream host,
/// path template (with query part) and header templates must match; a host-bound route beats host-less ones, then higher
/// <c>Priority</c>, then file order. Exactly one gateway endpoint stays valid, and its placeholder values become the request's
/// <see cref="GatewayRouteFeature"/>. Method mismatches are treated as "no route" (404), as in Ocelot, not 405.
/// Aggregates compete on the same terms (<see cref="IUpstreamRoute"/>); a chosen aggregate gets an <see cref="AggregateRouteFeature"/>.
/// </summary>
internal sealed class OcelotRouteMatcherPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 10_000;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints)
    {
        for (var i = 0; i < endpoints.Count; i++)
        {
            if (endpoints[i].Metadata.GetMetadata<IUpstreamRoute>() is not null)
            {
                return true;
            }
        }

        return false;
    }

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var request = httpContext.Request;
        // Escaped once per request, not per candidate: every template matches the same form.
        var path = ClientPath.Of(request);
        var query = request.QueryString.Value;
        var method = request.Method;
        // Parsed from the Host header only when a candidate is bound to a host: most routes are not.
        string? host = null;

        IUpstreamRoute? best = null;
        var bestIndex = -1;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!candidates.IsValidCandidate(i) || candidates[i].Endpoint.Metadata.GetMetadata<IUpstreamRoute>() is not { } route)
            {
                continue;
            }

            var requestHost = route.UpstreamHost is null ? string.Empty : host ??= request.Host.Host;
            if (UpstreamRouteMatching.Check(route, request.Headers, path, query, method, requestHost) != UpstreamMismatch.None)
            {
                candidates.SetValidity(i, false);
                continue;
            }

            if (best is null || UpstreamRouteMatching.IsPreferred(route, best))
            {
                if (best is not null)
                {
                    candidates.SetValidity(bestIndex, false);
                }

                best = route;
                bestIndex = i;
            }
            else
            {
                candidates.SetValidity(i, false);
            }
        }

        if (best is not null)
        {
            var values = UpstreamRouteMatching.ReadPlaceholders(best, request.Headers, path, query);
            if (best is CompiledAggregate aggregate)
            {
                httpContext.Features.Set(new AggregateRouteFeature(aggregate, values));
            }
            else
            {
                httpContext.Features.Set(new GatewayRouteFeature((CompiledRoute)best, values));
            }
        }

        return Task.CompletedTask;
    }
}
