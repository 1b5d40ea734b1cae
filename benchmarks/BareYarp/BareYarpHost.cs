using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace OcelotGateway.Benchmarks;

/// <summary>
/// The benchmark's "bare YARP" contender, set up on a web host: logging at Warning, YARP's in-memory configuration with the
/// gateway's simple route (/api/{**rest} → upstream /{rest}) and no gateway step. Shared by benchmarks/BareYarp and the
/// in-process probe (benchmarks/Allocations), so both measure the same proxy.
/// </summary>
internal static class BareYarpHost
{
    public static void Configure(WebApplicationBuilder builder, string upstream)
    {
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddReverseProxy()
            .LoadFromMemory(
                [new RouteConfig { RouteId = "simple", ClusterId = "upstream", Match = new RouteMatch { Path = "/api/{**rest}" } }],
                [new ClusterConfig { ClusterId = "upstream", Destinations = new Dictionary<string, DestinationConfig> { ["one"] = new() { Address = upstream } } }])
            .AddTransforms(context => context.AddPathRemovePrefix("/api"));
    }
}
