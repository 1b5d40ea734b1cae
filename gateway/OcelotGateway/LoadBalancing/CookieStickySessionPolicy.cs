using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OcelotGateway.Bounds;
using OcelotGateway.Routing;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace OcelotGateway.LoadBalancing;

/// <summary>
/// Ocelot's <c>CookieStickySessions</c>: the value of an application cookie (not one the gateway sets) pins the client to the
/// instance it first got; new sessions, and requests without the cookie, are spread round-robin. Sessions are keyed by cookie
/// name, so routes that use the same cookie share them, as in Ocelot, and a session expires after <c>Expiry</c> without
/// requests. At most <see cref="LoadBalancingOptions.MaxStickySessions"/> are remembered, and a cookie value longer than
/// <see cref="BoundedKeyPart.MaxLength"/> is remembered by its hash, so made-up cookies cannot grow memory without bound.
/// </summary>
internal sealed class CookieStickySessionPolicy : ILoadBalancingPolicy
{
    public const string PolicyName = "OcelotCookieStickySessions";
    public const string Structure = "sticky_sessions";

    private readonly BoundedExpiringMap<Session> _sessions;
    private readonly TimeProvider _time;
    private int _next = -1;

    public CookieStickySessionPolicy(IOptions<LoadBalancingOptions> options, CapacityGuards guards, TimeProvider time)
    {
        var limit = options.Value.MaxStickySessions;
        _sessions = new BoundedExpiringMap<Session>(
            limit,
            static session => session.ExpiresAt,
            guards.For(Structure, LoadBalancingOptions.SectionName + ":" + nameof(LoadBalancingOptions.MaxStickySessions), limit,
                "the least recently used sessions were forgotten, so their next request may go to another instance"));
        _time = time;
    }

    public string Name => PolicyName;

    /// <summary>Sessions remembered (diagnostics and tests).</summary>
    public int Count => _sessions.Count;

    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations)
    {
        if (availableDestinations.Count == 0)
        {
            return null;
        }

        var settings = context.Features.Get<GatewayRouteFeature>()?.Route.StickySessions;
        var cookie = settings is null ? null : context.Request.Cookies[settings.CookieName];
        if (string.IsNullOrEmpty(cookie))
        {
            return Next(availableDestinations);
        }

        var now = _time.GetUtcNow();
        var key = settings!.CookieName + ":" + BoundedKeyPart.Of(cookie);
        if (_sessions.TryGetValue(key, out var session) && session.ExpiresAt > now)
        {
            for (var i = 0; i < availableDestinations.Count; i++)
            {
                if (string.Equals(availableDestinations[i].Model.Config.Address, session.Address, StringComparison.OrdinalIgnoreCase))
                {
                    _sessions.Set(key, session with { ExpiresAt = now + settings.Expiry }, now);
                    return availableDestinations[i];
                }
            }
        }

        var chosen = Next(availableDestinations);
        _sessions.Set(key, new Session(chosen.Model.Config.Address, now + settings.Expiry), now);
        return chosen;
    }

    private DestinationState Next(IReadOnlyList<DestinationState> destinations)
    {
        var index = (int)((uint)Interlocked.Increment(ref _next) % (uint)destinations.Count);
        return destinations[index];
    }

    private sealed record Session(string Address, DateTimeOffset ExpiresAt);
}
