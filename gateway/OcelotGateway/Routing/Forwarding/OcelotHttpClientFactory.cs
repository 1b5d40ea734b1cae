using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Observability.Tracing;
using Yarp.ReverseProxy.Forwarder;

namespace OcelotGateway.Routing.Forwarding;

/// <summary>
/// Applies Ocelot's <c>HttpHandlerOptions</c> that YARP's cluster settings do not cover. YARP's defaults already match Ocelot's
/// (no redirects, no cookie jar, no proxy), so only values an operator switched on change the handler.
/// </summary>
internal sealed class OcelotHttpClientFactory : ForwarderHttpClientFactory
{
    private readonly IServiceProvider _services;
    private readonly DelegatingHandlerRegistration[] _handlers;
    private readonly DownstreamTracePropagation _propagation;

    public OcelotHttpClientFactory(IServiceProvider services, IEnumerable<DelegatingHandlerRegistration> handlers, DownstreamTracePropagation propagation)
    {
        _services = services;
        _handlers = [.. handlers];
        _propagation = propagation;
    }

    /// <summary>
    /// Ocelot's order, outermost first: global handlers the route does not list, then the route's handlers as listed.
    /// </summary>
    protected override HttpMessageHandler WrapHandler(ForwarderHttpClientContext context, HttpMessageHandler handler)
    {
        if (_handlers.Length == 0)
        {
            return handler;
        }

        var listed = context.NewMetadata is { } metadata && metadata.TryGetValue(ClusterPlanner.DelegatingHandlersMetadataKey, out var names)
            ? names.Split(',')
            : [];
        var chain = _handlers.Where(h => h.Global && !listed.Contains(h.Name, StringComparer.Ordinal)).Select(h => h.HandlerType)
            .Concat(listed.Select(name => _handlers.LastOrDefault(h => string.Equals(h.Name, name, StringComparison.Ordinal))?.HandlerType)
                .OfType<Type>());
        var inner = handler;
        foreach (var type in chain.Reverse())
        {
            var wrapper = (DelegatingHandler)_services.GetRequiredService(type);
            wrapper.InnerHandler = inner;
            inner = wrapper;
        }

        return inner;
    }

    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        if (_propagation.ByGateway)
        {
            // The gateway writes the trace context itself; without a propagator the client starts no activity per call.
            handler.ActivityHeadersPropagator = null;
        }

        var metadata = context.NewMetadata;
        if (metadata is null)
        {
            return;
        }

        if (metadata.ContainsKey(ClusterPlanner.AllowAutoRedirectMetadataKey))
        {
            handler.AllowAutoRedirect = true;
        }

        if (metadata.ContainsKey(ClusterPlanner.UseCookieContainerMetadataKey))
        {
            handler.UseCookies = true;
            handler.CookieContainer = new CookieContainer();
        }

        if (metadata.ContainsKey(ClusterPlanner.UseProxyMetadataKey))
        {
            handler.UseProxy = true;
        }

        if (metadata.TryGetValue(ClusterPlanner.PooledConnectionLifetimeMetadataKey, out var seconds))
        {
            handler.PooledConnectionLifetime = TimeSpan.FromSeconds(int.Parse(seconds, CultureInfo.InvariantCulture));
        }
    }
}
