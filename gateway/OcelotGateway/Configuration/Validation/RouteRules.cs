using System.Text.RegularExpressions;
using OcelotGateway.Configuration.File;

namespace OcelotGateway.Configuration.Validation;

/// <summary>Every rule that looks at one static route on its own.</summary>
internal static partial class RouteRules
{
    private static readonly HashSet<string> NoPlaceholders = [];

    public static void Check(ValidationInput input, int index, IReadOnlyDictionary<string, HashSet<string>> aggregatePlaceholders)
    {
        var route = input.Routes[index];
        var scope = input.ForRoute(index);
        var context = input.Context;
        var global = input.Global;

        CheckTemplates(route, scope, route.Key is not null && aggregatePlaceholders.TryGetValue(route.Key, out var extra) ? extra : NoPlaceholders);
        if (!string.IsNullOrEmpty(route.UpstreamHost) && HostWithPort().IsMatch(route.UpstreamHost))
        {
            scope.Warning(nameof(FileRoute.UpstreamHost), $"'{route.UpstreamHost}' never matches: the request's Host is compared without its port; remove the port");
        }

        DownstreamHostRules.Check(route, scope);
        ProtocolRules.CheckScheme(route.DownstreamScheme, scope);
        ProtocolRules.CheckHttpVersion(route.DownstreamHttpVersion, route.DownstreamHttpVersionPolicy, scope);
        ProtocolRules.CheckMethods(route, scope);
        LoadBalancerRules.Check(route.LoadBalancerOptions, context, scope);
        RateLimitRules.CheckRoute(route.RateLimitOptions, global.RateLimitOptions, scope);
        QoSRules.Check(route.QoSOptions, scope);
        RetryRules.Check(route.RetryOptions, scope);
        TimeoutRules.CheckRoute(route.Timeout, global.Timeout, route.QoSOptions, scope);
        CacheRules.Check(route.CacheOptions, route.FileCacheOptions, scope);
        AsyncReplyRules.Check(route.AsyncRequestReply, scope);
        AuthenticationRules.Check(route.AuthenticationOptions, context, scope);
        SecurityOptionsRules.Check(route.SecurityOptions, scope);
        HeaderTransformRules.Check(route.UpstreamHeaderTransform, nameof(route.UpstreamHeaderTransform), request: true, scope);
        HeaderTransformRules.Check(route.DownstreamHeaderTransform, nameof(route.DownstreamHeaderTransform), request: false, scope);
        ClaimExpressionRules.Check(route.AddHeadersToRequest, nameof(route.AddHeadersToRequest), scope);
        ClaimExpressionRules.Check(route.AddQueriesToRequest, nameof(route.AddQueriesToRequest), scope);
        ClaimExpressionRules.Check(route.AddClaimsToRequest, nameof(route.AddClaimsToRequest), scope);
        ClaimExpressionRules.Check(route.ChangeDownstreamPathTemplate, nameof(route.ChangeDownstreamPathTemplate), scope);
        DelegatingHandlerRules.Check(route.DelegatingHandlers, context, scope);
        WrittenHeaderRules.CheckRoute(route, scope);
    }

    private static void CheckTemplates(FileRoute route, ProblemScope scope, IReadOnlySet<string> fromAggregates)
    {
        var upstream = PathTemplateRules.Check(route.UpstreamPathTemplate, nameof(route.UpstreamPathTemplate), "UpstreamHost", scope);
        if (upstream is not null)
        {
            PathTemplateRules.CheckNoRepeats(upstream, route.UpstreamPathTemplate!, nameof(route.UpstreamPathTemplate), scope);
        }

        var downstream = PathTemplateRules.Check(route.DownstreamPathTemplate, nameof(route.DownstreamPathTemplate), "DownstreamHostAndPorts", scope);
        if (upstream is not null && downstream is not null)
        {
            PlaceholderRules.Check(route, upstream, downstream, fromAggregates, scope);
        }
    }

    /// <summary><c>host:port</c> or <c>[v6]:port</c>; a bare IPv6 address has colons but no port.</summary>
    [GeneratedRegex(@"^(\[[^\]]*\]|[^:\[\]]+):\d*$", RegexOptions.CultureInvariant)]
    private static partial Regex HostWithPort();
}
