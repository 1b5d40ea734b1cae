using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Errors;
using OcelotGateway.Observability.Tracing;
using OcelotGateway.Resilience;
using OcelotGateway.Routing;
using OcelotGateway.Routing.Templates;

namespace OcelotGateway.Aggregation;

/// <summary>
/// Runs one part of an aggregate as a request of its own through the route's endpoint, i.e. through exactly the proxy
/// pipeline a direct request to that route takes (rate limiting, authentication, authorization, retry, cache, QoS,
/// transforms, load balancing). The sub-request copies the caller's method, path, query, headers (Authorization and the
/// request id included), body, user and connection, and ends when the caller goes away.
/// </summary>
internal sealed partial class SubRequestRunner
{
    private readonly RouteEndpointLookup _lookup;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly ILogger<SubRequestRunner> _logger;

    public SubRequestRunner(RouteEndpointLookup lookup, IServiceScopeFactory scopes, TimeProvider time, ILogger<SubRequestRunner> logger)
    {
        _lookup = lookup;
        _scopes = scopes;
        _time = time;
        _logger = logger;
    }

    public async Task<AggregatePartResponse> RunAsync(
        HttpContext upstream, string routeKey, PlaceholderValues placeholders, byte[] body, string? parameterValue = null)
    {
        if (!_lookup.TryFind(routeKey, out var endpoint, out var route))
        {
            // Only between a reload's publication and YARP's endpoint rebuild.
            return Failed(routeKey, StatusCodes.Status503ServiceUnavailable, parameterValue);
        }

        // The route's Timeout, as a direct call of the route gets it from RequestObservationStep, which leaves an armed one alone.
        using var deadline = new RouteDeadline(route.Timeout, _time, upstream.RequestAborted);
        await using var scope = _scopes.CreateAsyncScope();
        using var response = new SubResponse();
        var context = CreateContext(upstream, route, Copy(placeholders), body, response, deadline, scope.ServiceProvider);
        context.SetEndpoint(endpoint);

        // A span per part (when tracing listens), parent of the route's own hop span, so a trace shows the aggregate's fan-out.
        using var activity = GatewayTelemetry.StartSubRequest(route, upstream.Request.Method);
        try
        {
            await endpoint.RequestDelegate!(context);
            await response.FinishAsync();
        }
        catch (OperationCanceledException) when (upstream.RequestAborted.IsCancellationRequested || deadline.TimedOut)
        {
            // Decided below: the caller left, or the route's timeout ran out.
        }
        catch (Exception ex) when (!upstream.RequestAborted.IsCancellationRequested)
        {
            Log.SubRequestFailed(_logger, route.DisplayName, routeKey, ex);
            return Failed(routeKey, StatusCodes.Status500InternalServerError, parameterValue);
        }

        upstream.RequestAborted.ThrowIfCancellationRequested();
        if (deadline.TimedOut)
        {
            return Failed(routeKey, StatusCodes.Status504GatewayTimeout, parameterValue);
        }

        return new AggregatePartResponse
        {
            RouteKey = routeKey,
            StatusCode = response.StatusCode,
            ContentType = response.Headers.ContentType,
            Headers = response.Headers,
            Body = response.Captured,
            GatewayError = context.Features.Get<GatewayProblemFeature>()?.Title,
            ParameterValue = parameterValue,
        };
    }

    /// <summary>A part the gateway could not run at all; it has no body, the aggregate writes its own problem for it.</summary>
    internal static AggregatePartResponse Failed(string routeKey, int status, string? parameterValue = null) => new()
    {
        RouteKey = routeKey,
        StatusCode = status,
        Headers = new HeaderDictionary(),
        Body = ReadOnlyMemory<byte>.Empty,
        GatewayError = ReasonPhrases.GetReasonPhrase(status),
        ParameterValue = parameterValue,
    };

    private static DefaultHttpContext CreateContext(
        HttpContext upstream,
        CompiledRoute route,
        PlaceholderValues placeholders,
        byte[] body,
        SubResponse response,
        RouteDeadline deadline,
        IServiceProvider services)
    {
        var source = upstream.Request;
        var headers = new HeaderDictionary();
        foreach (var (name, values) in source.Headers)
        {
            headers[name] = values;
        }

        headers.Remove(HeaderNames.TransferEncoding);
        headers.Remove(HeaderNames.Expect);
        headers.ContentLength = body.Length > 0 ? body.Length : null;

        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Protocol = source.Protocol,
            Method = source.Method,
            Scheme = source.Scheme,
            PathBase = source.PathBase.Value ?? string.Empty,
            Path = source.Path.Value ?? "/",
            QueryString = source.QueryString.Value ?? string.Empty,
            RawTarget = upstream.Features.Get<IHttpRequestFeature>()?.RawTarget ?? string.Empty,
            Headers = headers,
            Body = body.Length > 0 ? new MemoryStream(body, writable: false) : Stream.Null,
        });
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(response);
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature
        {
            ConnectionId = upstream.Connection.Id,
            RemoteIpAddress = upstream.Connection.RemoteIpAddress,
            RemotePort = upstream.Connection.RemotePort,
            LocalIpAddress = upstream.Connection.LocalIpAddress,
            LocalPort = upstream.Connection.LocalPort,
        });
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = deadline.Token });
        features.Set<IHttpRequestIdentifierFeature>(new HttpRequestIdentifierFeature { TraceIdentifier = upstream.TraceIdentifier });
        features.Set<IServiceProvidersFeature>(new ServiceProvidersFeature { RequestServices = services });
        features.Set(new GatewayRouteFeature(route, placeholders) { Deadline = deadline });
        return new DefaultHttpContext(features) { User = upstream.User };
    }

    /// <summary>Each part gets its own values: steps may add to them (claims sent to the downstream path).</summary>
    private static PlaceholderValues Copy(PlaceholderValues placeholders)
    {
        var copy = new PlaceholderValues();
        foreach (var (name, value) in placeholders)
        {
            copy.Add(name, value);
        }

        return copy;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1501, Level = LogLevel.Error, Message = "Aggregate part {RouteKey} ({Route}) failed unexpectedly; answered 500 for it")]
        public static partial void SubRequestFailed(ILogger logger, string route, string routeKey, Exception exception);
    }
}
