using System.Text;
using Microsoft.AspNetCore.Http;

namespace OcelotGateway.Aggregation;

/// <summary>
/// What one sub-request of an aggregate answered, after its route's whole pipeline (authentication, rate limiting, QoS,
/// cache, transforms). A key driven by <c>RouteKeysConfig</c> may have several, one per value.
/// </summary>
public sealed class AggregatePartResponse
{
    public required string RouteKey { get; init; }

    public required int StatusCode { get; init; }

    public string? ContentType { get; init; }

    public required IHeaderDictionary Headers { get; init; }

    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>
    /// The title of the error when the gateway itself answered for the route (401, 403, 429, 502, 503, 504...); null when the
    /// downstream service answered, whatever its status.
    /// </summary>
    public string? GatewayError { get; init; }

    /// <summary>The <c>RouteKeysConfig</c> value this call was made for; null for a plain part.</summary>
    public string? ParameterValue { get; init; }

    public bool IsSuccessStatusCode => StatusCode is >= 200 and <= 299;

    public string ReadBodyAsString() => Encoding.UTF8.GetString(Body.Span);
}
