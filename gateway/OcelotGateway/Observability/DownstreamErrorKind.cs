using System.Net.Http;
using System.Net.Sockets;
using Yarp.ReverseProxy.Forwarder;

namespace OcelotGateway.Observability;

/// <summary>The bounded set of <c>kind</c> label values of <c>gateway_downstream_errors_total</c>.</summary>
public static class DownstreamErrorKind
{
    /// <summary>No connection could be made (refused, unreachable, name not resolved).</summary>
    public const string Connect = "connect";

    /// <summary>The downstream did not answer in time (QoS timeout or the route's <c>Timeout</c>).</summary>
    public const string Timeout = "timeout";

    /// <summary>The downstream answered with a 5xx status.</summary>
    public const string ServerError = "5xx";

    /// <summary>The circuit breaker was open, so the call was not made.</summary>
    public const string CircuitOpen = "circuit_open";

    /// <summary>No downstream instance was available (all unhealthy, or discovery found none).</summary>
    public const string NoDestination = "no_destination";

    /// <summary>The connection broke while sending the request or reading the response.</summary>
    public const string Transport = "transport";

    /// <summary>Anything else the forwarder reported (e.g. the request could not be built).</summary>
    public const string Other = "other";

    /// <summary>Maps a forwarder error to a kind; client aborts are not downstream errors and are not passed here.</summary>
    public static string From(ForwarderError error, Exception? exception) => error switch
    {
        ForwarderError.Request when IsConnectFailure(exception) => Connect,
        ForwarderError.RequestTimedOut => Timeout,
        ForwarderError.NoAvailableDestinations => NoDestination,
        ForwarderError.Request or ForwarderError.RequestBodyDestination or ForwarderError.ResponseBodyDestination
            or ForwarderError.ResponseHeaders or ForwarderError.UpgradeRequestDestination or ForwarderError.UpgradeResponseDestination => Transport,
        _ => Other,
    };

    private static bool IsConnectFailure(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }
                or SocketException)
            {
                return true;
            }
        }

        return false;
    }
}
