using System.Collections;
using Microsoft.AspNetCore.Http;
using OcelotGateway.RateLimiting;
using OcelotGateway.Routing;

namespace OcelotGateway.Observability.Logging;

/// <summary>
/// The properties every log line of a proxied request carries: <c>RouteKey</c> (the route's key, else its upstream
/// template), <c>RequestId</c> (the <c>RequestIdKey</c> value once assigned, else ASP.NET Core's trace identifier) and
/// <c>ClientId</c> (the rate-limiting client header, when the request sends one). Read when a line is written, so the
/// request id assigned by a later step shows up in every line after that.
/// </summary>
internal sealed class RequestLogScope : IReadOnlyList<KeyValuePair<string, object>>
{
    public const string RouteKeyProperty = "RouteKey";
    public const string RequestIdProperty = "RequestId";
    public const string ClientIdProperty = "ClientId";

    /// <summary>Client ids come from a header anyone can send; a longer value is cut so it cannot flood the logs.</summary>
    private const int MaxClientIdLength = 128;

    private readonly HttpContext _context;
    private readonly GatewayRouteFeature _feature;
    private readonly string? _clientId;
    private string? _requestId;

    public RequestLogScope(HttpContext context, GatewayRouteFeature feature)
    {
        _context = context;
        _feature = feature;
        var header = feature.Route.RateLimit?.ClientIdHeader ?? RateLimitPolicy.DefaultClientIdHeader;
        var values = context.Request.Headers[header];
        if (values.Count > 0 && !string.IsNullOrEmpty(values[0]))
        {
            var value = values[0]!;
            _clientId = value.Length > MaxClientIdLength ? value[..MaxClientIdLength] : value;
        }
    }

    public int Count => _clientId is null ? 2 : 3;

    public KeyValuePair<string, object> this[int index] => index switch
    {
        0 => new(RouteKeyProperty, RouteLabel.For(_feature.Route)),
        1 => new(RequestIdProperty, _feature.RequestId ?? (_requestId ??= ExpectedRequestId())),
        2 when _clientId is not null => new(ClientIdProperty, _clientId),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <summary>
    /// Before the request id step has run (e.g. a rate-limit rejection), the id it is going to assign: the incoming
    /// <c>RequestIdKey</c> header, else the trace id; routes without <c>RequestIdKey</c> use ASP.NET Core's identifier.
    /// </summary>
    private string ExpectedRequestId()
    {
        return _feature.Route.RequestIdKey is { } key ? RequestIds.Resolve(_context, key) : _context.TraceIdentifier;
    }

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Join(", ", this.Select(p => p.Key + ":" + p.Value));
}
