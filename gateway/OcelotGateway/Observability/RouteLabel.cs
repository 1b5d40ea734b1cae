using OcelotGateway.Configuration.Compilation;

namespace OcelotGateway.Observability;

/// <summary>
/// How a route is named in metrics, spans and log lines: its <c>Key</c>, else its upstream template. Never the raw request
/// path, so the number of label values stays bounded by the configuration.
/// </summary>
public static class RouteLabel
{
    /// <summary>Label of requests no route matched.</summary>
    public const string None = "(none)";

    public static string For(CompiledRoute? route) => route is null ? None : route.Key ?? route.UpstreamPath.Template;
}
