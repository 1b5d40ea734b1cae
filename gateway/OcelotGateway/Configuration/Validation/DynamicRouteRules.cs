using OcelotGateway.Configuration.File;

namespace OcelotGateway.Configuration.Validation;

/// <summary>Per-service options for dynamic routing: the options a static route has, minus templates and hosts.</summary>
internal static class DynamicRouteRules
{
    public static void Check(ValidationInput input, int index)
    {
        var route = input.DynamicRoutes[index];
        var scope = input.ForDynamicRoute(index);
        if (string.IsNullOrWhiteSpace(route.ServiceName))
        {
            scope.Error(nameof(route.ServiceName), "required: the service these options apply to (the first path segment of /{service}/...)");
        }

        ProtocolRules.CheckScheme(route.DownstreamScheme, scope);
        ProtocolRules.CheckHttpVersion(route.DownstreamHttpVersion, route.DownstreamHttpVersionPolicy, scope);
        LoadBalancerRules.Check(route.LoadBalancerOptions, input.Context, scope);

        // The legacy RateLimitRule wins when both are present, as in Ocelot.
        if (route.RateLimitRule is not null)
        {
            RateLimitRules.CheckRoute(route.RateLimitRule, input.Global.RateLimitOptions, scope, nameof(route.RateLimitRule));
        }
        else
        {
            RateLimitRules.CheckRoute(route.RateLimitOptions, input.Global.RateLimitOptions, scope);
        }

        QoSRules.Check(route.QoSOptions, scope);
        TimeoutRules.CheckRoute(route.Timeout, input.Global.Timeout, route.QoSOptions, scope);
        CacheRules.CheckTtl(route.CacheOptions, nameof(route.CacheOptions), scope);
        AuthenticationRules.Check(route.AuthenticationOptions, input.Context, scope);
    }
}
