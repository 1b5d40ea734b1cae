using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OcelotGateway.Routing;

namespace OcelotGateway.Observability;

/// <summary>
/// Ocelot's <c>RequestIdKey</c>: the incoming header value is kept (or a new id made), sent downstream and back to the client,
/// and attached to every log line written while the request is handled.
/// </summary>
internal sealed class RequestIdStep
{
    private readonly RequestDelegate _next;
    private readonly ILogger<RequestIdStep> _logger;

    public RequestIdStep(RequestDelegate next, ILogger<RequestIdStep> logger)
    {
        _next = next;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.Get<GatewayRouteFeature>();
        if (feature?.Route.RequestIdKey is not { } key)
        {
            return _next(context);
        }

        var incoming = context.Request.Headers[key];
        var requestId = incoming.Count > 0 && !string.IsNullOrEmpty(incoming[0])
            ? incoming[0]!
            : Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        feature.RequestId = requestId;

        // Answers the gateway makes itself (401, 403, 429, 502...) carry the id too; a proxied response sets it again.
        context.Response.Headers[key] = requestId;
        return InvokeWithScopeAsync(context, requestId);
    }

    private async Task InvokeWithScopeAsync(HttpContext context, string requestId)
    {
        using (_logger.BeginScope(new RequestIdScope(requestId)))
        {
            await _next(context);
        }
    }

    /// <summary>A one-property scope; Serilog and other providers read it as the <c>RequestId</c> property.</summary>
    private sealed class RequestIdScope(string requestId) : IReadOnlyList<KeyValuePair<string, object>>
    {
        public int Count => 1;

        public KeyValuePair<string, object> this[int index] =>
            index == 0 ? new KeyValuePair<string, object>("RequestId", requestId) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
        {
            yield return this[0];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => "RequestId:" + requestId;
    }
}
