using System.Collections.Frozen;
using OcelotGateway.Bounds;

namespace OcelotGateway.RateLimiting;

/// <summary>A route's compiled rate limiting (Ocelot's <c>RateLimitOptions</c> with defaults and legacy names resolved).</summary>
public sealed class RateLimitPolicy
{
    public const string DefaultClientIdHeader = "Oc-Client";
    public const string DefaultQuotaMessage = "API calls quota exceeded! Maximum admitted {0} per {1}.";
    public const string DefaultKeyPrefix = "Ocelot.RateLimiting";

    public required RateLimitRule Rule { get; init; }

    public required string ClientIdHeader { get; init; }

    public required FrozenSet<string> ClientWhitelist { get; init; }

    public required int StatusCode { get; init; }

    /// <summary>The rejection text, already formatted with the limit and period.</summary>
    public required string QuotaMessage { get; init; }

    public required bool EnableHeaders { get; init; }

    public required string KeyPrefix { get; init; }

    /// <summary>
    /// What the counters of this route are keyed on: the upstream template, methods and host. Stable across reloads, so a
    /// configuration change does not hand every client a fresh allowance.
    /// </summary>
    public required string Scope { get; init; }

    /// <summary>The upstream template, named in the "client could not be identified" answer as Ocelot does.</summary>
    public required string RouteName { get; init; }

    /// <summary>
    /// The id a client is counted and logged under. A client id is whatever the header says: a long one is counted under its
    /// hash (<see cref="BoundedKeyPart"/>), so keys stay short.
    /// </summary>
    public static string CountedId(string clientId) => BoundedKeyPart.Of(clientId);

    /// <summary>The store key of a client's counter on this route.</summary>
    public string CounterKey(string countedId) => string.Concat(KeyPrefix, "_", countedId, ":", Scope, "_", Rule.ToString());
}
