using System.Globalization;
using System.Net;
using OcelotGateway.Configuration.Compilation;
using Yarp.ReverseProxy.Forwarder;

namespace OcelotGateway.Routing.Forwarding;

/// <summary>
/// Applies Ocelot's <c>HttpHandlerOptions</c> that YARP's cluster settings do not cover. YARP's defaults already match Ocelot's
/// (no redirects, no cookie jar, no proxy), so only values an operator switched on change the handler.
/// </summary>
internal sealed class OcelotHttpClientFactory : ForwarderHttpClientFactory
{
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
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
