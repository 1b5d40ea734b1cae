using OcelotGateway.Configuration.File;

namespace OcelotGateway.Configuration.Validation;

/// <summary>The <c>GlobalConfiguration</c> options on their own; their effect on each route is checked with the route.</summary>
internal static class GlobalConfigurationRules
{
    public static void Check(ValidationInput input)
    {
        var global = input.Global;
        var scope = input.ForGlobal();
        if (!string.IsNullOrWhiteSpace(global.BaseUrl)
            && !(Uri.TryCreate(global.BaseUrl, UriKind.Absolute, out var baseUrl) && (baseUrl.Scheme == Uri.UriSchemeHttp || baseUrl.Scheme == Uri.UriSchemeHttps)))
        {
            scope.Warning(nameof(global.BaseUrl), $"'{global.BaseUrl}' is not an absolute http(s) URL, yet {{BaseUrl}} in header transforms is replaced with it as written");
        }

        ProtocolRules.CheckScheme(global.DownstreamScheme, scope);
        ProtocolRules.CheckHttpVersion(global.DownstreamHttpVersion, global.DownstreamHttpVersionPolicy, scope);
        LoadBalancerRules.Check(global.LoadBalancerOptions, input.Context, scope);
        RateLimitRules.CheckGlobal(global.RateLimitOptions, scope);
        QoSRules.Check(global.QoSOptions, scope);
        RetryRules.Check(global.RetryOptions, scope);
        TimeoutRules.CheckGlobal(global, scope);
        CacheRules.CheckTtl(global.CacheOptions, nameof(global.CacheOptions), scope);
        AuthenticationRules.Check(global.AuthenticationOptions, input.Context, scope);
        SecurityOptionsRules.Check(global.SecurityOptions, scope);
        HeaderTransformRules.Check(global.UpstreamHeaderTransform, nameof(global.UpstreamHeaderTransform), request: true, scope);
        HeaderTransformRules.Check(global.DownstreamHeaderTransform, nameof(global.DownstreamHeaderTransform), request: false, scope);
        DelegatingHandlerRules.Check(global.DelegatingHandlers, input.Context, scope);
        WrittenHeaderRules.CheckGlobal(global, scope);
    }
}
