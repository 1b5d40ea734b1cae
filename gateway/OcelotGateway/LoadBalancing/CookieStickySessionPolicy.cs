using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using OcelotGateway.Routing;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace OcelotGateway.LoadBalancing;

/// <summary>
/// Ocelot's <c>CookieStickySessions</c>: the value of an application cookie (not one the gateway sets) pins the client to the
/// instance it first got; new sessions are spread round-robin. Sessions are keyed by cookie name, so routes that use the same
/// cookie share them, as in Ocelot, and a session expires after <c>Expiry</c> without requests.
/// </summary>
internal sealed class CookieStickySessionPolicy : ILoadBalancingPolicy
{
    public const string PolicyName = "OcelotCookieStickySessions";

    /// <summary>Expired sessions are swept now and then, on new sessions only, so the cost follows churn, not traffic.</summary>
    private const int SweepEveryNewSessions = 256;

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private int _next = -1;
    private int _newSessions;

    public CookieStickySessionPolicy(TimeProvider time)
    {
        _time = time;
    }

    public string Name => PolicyName;

    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations)
    {
        if (availableDestinations.Count == 0)
        {
            return null;
        }

        var settings = context.Features.Get<GatewayRouteFeature>()?.Route.StickySessions;
        if (settings is null)
        {
            return Next(availableDestinations);
        }

        var now = _time.GetUtcNow();
        var key = settings.CookieName + ":" + context.Request.Cookies[settings.CookieName];
        if (_sessions.TryGetValue(key, out var session) && session.ExpiresAt > now)
        {
            for (var i = 0; i < availableDestinations.Count; i++)
            {
                if (string.Equals(availableDestinations[i].Model.Config.Address, session.Address, StringComparison.OrdinalIgnoreCase))
                {
                    _sessions[key] = session with { ExpiresAt = now + settings.Expiry };
                    return availableDestinations[i];
                }
            }
        }

        var chosen = Next(availableDestinations);
        _sessions[key] = new Session(chosen.Model.Config.Address, now + settings.Expiry);
        if (Interlocked.Increment(ref _newSessions) % SweepEveryNewSessions == 0)
        {
            RemoveExpired(now);
        }

        return chosen;
    }

    private DestinationState Next(IReadOnlyList<DestinationState> destinations)
    {
        var index = (int)((uint)Interlocked.Increment(ref _next) % (uint)destinations.Count);
        return destinations[index];
    }

    private void RemoveExpired(DateTimeOffset now)
    {
        foreach (var (key, session) in _sessions)
        {
            if (session.ExpiresAt <= now)
            {
                _sessions.TryRemove(key, out _);
            }
        }
    }

    private sealed record Session(string Address, DateTimeOffset ExpiresAt);
}
