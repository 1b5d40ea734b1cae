using System.Diagnostics;
using OcelotGateway.Configuration.Compilation;

namespace OcelotGateway.Observability.Tracing;

/// <summary>
/// The gateway's own spans: one for each hop through the gateway (a client request or an aggregate's sub-request) under the
/// ASP.NET Core server span, and above the HTTP client span of the downstream call. Without a listener (no tracing
/// configured) <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null and nothing is allocated.
/// </summary>
public static class GatewayTelemetry
{
    /// <summary>Name of the <see cref="ActivitySource"/>; add it to a tracer provider to collect the gateway's spans.</summary>
    public const string ActivitySourceName = "OcelotGateway";

    public const string RouteTag = "gateway.route";
    public const string RouteKeyTag = "gateway.route.key";
    public const string UpstreamTemplateTag = "gateway.upstream.template";
    public const string DownstreamHostTag = "gateway.downstream.host";
    public const string DownstreamUrlTag = "gateway.downstream.url";
    public const string StatusCodeTag = "http.response.status_code";
    public const string MethodTag = "http.request.method";

    internal static readonly ActivitySource Source = new(ActivitySourceName, typeof(GatewayTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Starts the span of one pass through the gateway for <paramref name="route"/>; null when nobody listens.</summary>
    public static Activity? StartHop(CompiledRoute route, string method) => Start("gateway ", route, method);

    /// <summary>Starts the span of one sub-request of an aggregate; its hop through the route's pipeline nests under it.</summary>
    public static Activity? StartSubRequest(CompiledRoute route, string method) => Start("gateway sub-request ", route, method);

    private static Activity? Start(string namePrefix, CompiledRoute route, string method)
    {
        // Checked before the span's name is built: with nobody listening, a request costs no string.
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(namePrefix + RouteLabel.For(route), ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(RouteTag, RouteLabel.For(route));
            if (route.Key is not null)
            {
                activity.SetTag(RouteKeyTag, route.Key);
            }

            activity.SetTag(UpstreamTemplateTag, route.UpstreamPath.Template);
            activity.SetTag(MethodTag, method);
        }

        return activity;
    }

    /// <summary>Records where the hop went and how it ended; a 5xx answer marks the span as an error.</summary>
    internal static void Complete(Activity activity, Uri? downstream, int statusCode)
    {
        if (activity.IsAllDataRequested)
        {
            if (downstream is not null)
            {
                activity.SetTag(DownstreamHostTag, downstream.Authority);
                activity.SetTag(DownstreamUrlTag, downstream.GetLeftPart(UriPartial.Path));
            }

            activity.SetTag(StatusCodeTag, statusCode);
        }

        if (statusCode >= 500)
        {
            activity.SetStatus(ActivityStatusCode.Error);
        }
    }
}
