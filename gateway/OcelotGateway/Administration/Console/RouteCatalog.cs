using System.Globalization;
using OcelotGateway.Administration.Explain;
using OcelotGateway.Aggregation;
using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Observability;

namespace OcelotGateway.Administration.Console;

/// <summary>The routes and aggregates of a compiled configuration, one row each, as the console's table shows them.</summary>
internal static class RouteCatalog
{
    public static RouteCatalogView Build(CompiledConfiguration configuration)
    {
        var rows = new List<RouteRow>(configuration.Routes.Count + configuration.Aggregates.Count);
        foreach (var route in configuration.Routes)
        {
            var cluster = configuration.ProxyClusters.FirstOrDefault(c => string.Equals(c.ClusterId, route.ClusterId, StringComparison.Ordinal));
            var addresses = cluster?.Destinations?.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Value.Address).ToArray() ?? [];
            var hosts = route.ServiceName is { } service ? "service " + service + ": "
                : addresses.Length == 1 ? addresses[0]
                : "[" + string.Join(", ", addresses) + "]";
            rows.Add(new RouteRow(
                RouteLocation.Describe(configuration, route),
                route.UpstreamMethods?.Order(StringComparer.Ordinal).ToArray() ?? [],
                route.UpstreamHost,
                route.Priority,
                (route.DownstreamHttpMethod is null ? string.Empty : route.DownstreamHttpMethod + " ") + hosts + route.DownstreamPath.Template,
                Policies(route),
                RouteLabel.For(route)));
        }

        foreach (var aggregate in configuration.Aggregates)
        {
            rows.Add(new RouteRow(
                RouteLocation.Describe(configuration, aggregate),
                [.. aggregate.UpstreamMethods.Order(StringComparer.Ordinal)],
                aggregate.UpstreamHost,
                aggregate.Priority,
                "aggregate of " + string.Join(", ", aggregate.RouteKeys),
                aggregate.OptionalKeys.Count == 0 ? [] : ["optional " + string.Join(", ", aggregate.OptionalKeys.Order(StringComparer.Ordinal))],
                "aggregate " + aggregate.UpstreamPath.Template));
        }

        return new RouteCatalogView(
            configuration.Generation,
            configuration.Source.SourceDescription,
            rows,
            [.. configuration.Warnings.Select(ConsoleProblem.From)]);
    }

    /// <summary>Short tags of the policies that are on, for a table cell and for search.</summary>
    private static string[] Policies(CompiledRoute route)
    {
        var tags = new List<string>();
        if (route.IpFilter is not null)
        {
            tags.Add("ip filter");
        }

        if (route.RateLimit is { } rateLimit)
        {
            tags.Add("rate limit " + rateLimit.Rule.Limit.ToString(CultureInfo.InvariantCulture) + "/" + rateLimit.Rule.PeriodText);
        }

        if (route.Authentication is { } authentication)
        {
            tags.Add("auth " + string.Join("|", authentication.Schemes)
                + (authentication.AllowedScopes.Count == 0 ? string.Empty : " (" + string.Join(" ", authentication.AllowedScopes.Order(StringComparer.Ordinal)) + ")"));
        }

        if (route.Authorization is not null)
        {
            tags.Add("claims");
        }

        if (route.Retry is { } retry)
        {
            tags.Add("retry " + retry.Settings.MaxRetries.ToString(CultureInfo.InvariantCulture));
        }

        if (route.Cache is { } cache)
        {
            tags.Add("cache " + cache.Ttl.TotalSeconds.ToString(CultureInfo.InvariantCulture) + "s");
        }

        if (route.AsyncReply is not null)
        {
            tags.Add("async reply");
        }

        if (route.QoS is { } qos)
        {
            tags.Add(qos.Settings.BreakerEnabled ? "circuit breaker" : "qos timeout");
        }

        if (route.StickySessions is not null)
        {
            tags.Add("sticky sessions");
        }

        if (route.RequestTransforms is { IsEmpty: false } || route.ResponseTransforms is { IsEmpty: false })
        {
            tags.Add("transforms");
        }

        return [.. tags];
    }
}

internal sealed record RouteCatalogView(long Generation, string Source, IReadOnlyList<RouteRow> Routes, IReadOnlyList<ConsoleProblem> Warnings);

/// <param name="Label">The route's name in metrics, which joins this row to its traffic.</param>
internal sealed record RouteRow(
    ExplainedRoute Route, IReadOnlyList<string> Methods, string? Host, int Priority, string Downstream, IReadOnlyList<string> Policies, string Label);
