using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OcelotGateway.Errors;
using OcelotGateway.Routing;

namespace OcelotGateway.Security;

/// <summary>
/// Ocelot's <c>SecurityOptions</c> IP filtering, before anything else of the route runs: a refused client gets 403 (WebSocket
/// upgrades too).
/// </summary>
internal sealed partial class IpFilterStep
{
    /// <summary>The refusal's detail (<c>explain</c> quotes it).</summary>
    internal const string RefusalDetail = "Requests from this address are not allowed on this route.";

    private readonly RequestDelegate _next;
    private readonly ClientAddressResolver _clients;
    private readonly ILogger<IpFilterStep> _logger;

    public IpFilterStep(RequestDelegate next, ClientAddressResolver clients, ILogger<IpFilterStep> logger)
    {
        _next = next;
        _clients = clients;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.Get<GatewayRouteFeature>();
        if (feature?.Route.IpFilter is not { } policy)
        {
            return _next(context);
        }

        var client = _clients.Resolve(context);
        if (policy.Permits(client))
        {
            return _next(context);
        }

        Log.Refused(_logger, client?.ToString() ?? "unknown", feature.Route.DisplayName);
        return ProblemResponse.WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden", RefusalDetail, context.RequestAborted);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Client {ClientAddress} refused by the IP lists of {Route}")]
        public static partial void Refused(ILogger logger, string clientAddress, string route);
    }
}
