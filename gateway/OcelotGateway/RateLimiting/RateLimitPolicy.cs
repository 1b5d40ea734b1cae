using System.Collections.Frozen;
using System.Globalization;
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

    // Per-request text that depends on the policy alone (or on the window every request in it shares), made once. Two threads
    // may both make one; they make the same text.
    private string? _keyHead;
    private string? _keyTail;
    private string? _limitText;
    private WindowReset? _lastReset;

    /// <summary>The store key of a client's counter on this route.</summary>
    public string CounterKey(string countedId) => string.Concat(
        _keyHead ??= KeyPrefix + "_",
        countedId,
        _keyTail ??= string.Concat(":", Scope, "_", Rule.ToString()));

    /// <summary>The value of <c>X-RateLimit-Limit</c>.</summary>
    internal string LimitText => _limitText ??= Rule.Limit.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The value of <c>X-RateLimit-Reset</c> for a window that started at <paramref name="startedAt"/>: when it ends, in ISO 8601
    /// UTC. Every request of a window asks for the same text, so the last one made is kept.
    /// </summary>
    internal string ResetText(DateTimeOffset startedAt)
    {
        if (_lastReset is { } last && last.StartedAtTicks == startedAt.UtcTicks)
        {
            return last.Text;
        }

        var text = (startedAt + Rule.Period).UtcDateTime.ToString("o", CultureInfo.InvariantCulture);
        _lastReset = new WindowReset(startedAt.UtcTicks, text);
        return text;
    }

    private sealed record WindowReset(long StartedAtTicks, string Text);
}
