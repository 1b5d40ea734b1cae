using System.Runtime.InteropServices;
using System.Text;
using OcelotGateway.Configuration.File;

namespace OcelotGateway.Configuration.Validation;

/// <summary>
/// Ocelot's duplicate checks: two routes with the same upstream template, host and header templates may not both answer
/// one method; a route answering GET may not share template and host with an aggregate; two aggregates may not share them.
/// </summary>
internal static class DuplicateRouteRules
{
    private const string Key = nameof(FileRoute.UpstreamPathTemplate);

    public static void Check(ValidationInput input)
    {
        CheckRoutes(input);
        CheckRoutesAgainstAggregates(input);
        CheckAggregates(input);
    }

    private static void CheckRoutes(ValidationInput input)
    {
        // Routes are grouped by what must be equal for a clash, and within a group indexed by method, so a file of many routes
        // is checked in time proportional to its size rather than to its size squared.
        var routes = input.Routes;
        var groups = new Dictionary<string, MethodIndex>(StringComparer.Ordinal);
        for (var j = 0; j < routes.Count; j++)
        {
            var route = routes[j];
            if (string.IsNullOrWhiteSpace(route.UpstreamPathTemplate))
            {
                continue;
            }

            var group = CollectionsMarshal.GetValueRefOrAddDefault(groups, GroupKey(route), out _) ??= new MethodIndex();
            if (group.FirstClash(route.UpstreamHttpMethod) is { } i && MethodConflict(routes[i].UpstreamHttpMethod, route.UpstreamHttpMethod) is { } conflict)
            {
                var scope = input.ForRoute(j);
                scope.Error(Key, $"duplicates {input.DescribeRoute(i, scope.File)}: same UpstreamPathTemplate, UpstreamHost and UpstreamHeaderTemplates, and {conflict}; give them distinct UpstreamHttpMethod lists");
            }

            group.Add(j, route.UpstreamHttpMethod);
        }
    }

    private static void CheckRoutesAgainstAggregates(ValidationInput input)
    {
        var aggregatesByUpstream = new Dictionary<(string, string?), List<int>>();
        for (var a = 0; a < input.Aggregates.Count; a++)
        {
            if (!string.IsNullOrWhiteSpace(input.Aggregates[a].UpstreamPathTemplate))
            {
                var key = (input.Aggregates[a].UpstreamPathTemplate!, AnyHostAsNull(input.Aggregates[a].UpstreamHost));
                (CollectionsMarshal.GetValueRefOrAddDefault(aggregatesByUpstream, key, out _) ??= []).Add(a);
            }
        }

        for (var r = 0; r < input.Routes.Count; r++)
        {
            var route = input.Routes[r];
            if (string.IsNullOrWhiteSpace(route.UpstreamPathTemplate)
                || !aggregatesByUpstream.TryGetValue((route.UpstreamPathTemplate, AnyHostAsNull(route.UpstreamHost)), out var sameUpstream))
            {
                continue;
            }

            foreach (var a in sameUpstream)
            {
                var scope = input.ForRoute(r);
                var other = input.DescribeAggregate(a, scope.File);
                if (route.UpstreamHttpMethod.Any(m => string.Equals(m.Trim(), "GET", StringComparison.OrdinalIgnoreCase)))
                {
                    scope.Error(Key, $"duplicates {other}: same UpstreamPathTemplate and UpstreamHost, and both answer GET");
                }
                else if (route.UpstreamHttpMethod.Count == 0)
                {
                    scope.Warning(Key, $"same UpstreamPathTemplate and UpstreamHost as {other}, and this route answers every method, GET included; which one answers GET depends on Priority");
                }
            }
        }
    }

    private static void CheckAggregates(ValidationInput input)
    {
        var aggregates = input.Aggregates;
        var first = new Dictionary<(string, string?), int>();
        for (var j = 0; j < aggregates.Count; j++)
        {
            if (string.IsNullOrWhiteSpace(aggregates[j].UpstreamPathTemplate))
            {
                continue;
            }

            if (!first.TryAdd((aggregates[j].UpstreamPathTemplate!, AnyHostAsNull(aggregates[j].UpstreamHost)), j))
            {
                var scope = input.ForAggregate(j);
                var i = first[(aggregates[j].UpstreamPathTemplate!, AnyHostAsNull(aggregates[j].UpstreamHost))];
                scope.Error(Key, $"duplicates {input.DescribeAggregate(i, scope.File)}: same UpstreamPathTemplate and UpstreamHost");
            }
        }
    }

    /// <summary>Template, host (null and empty both mean "any host") and header templates (names ignore case), as one text.</summary>
    private static string GroupKey(FileRoute route)
    {
        var key = new StringBuilder(route.UpstreamPathTemplate).Append('\0').Append(AnyHostAsNull(route.UpstreamHost) ?? "\u0001");
        foreach (var (name, value) in route.UpstreamHeaderTemplates.OrderBy(h => h.Key.ToUpperInvariant(), StringComparer.Ordinal))
        {
            key.Append('\0').Append(name.ToUpperInvariant()).Append('\0').Append(value);
        }

        return key.ToString();
    }

    private static string? AnyHostAsNull(string? host) => string.IsNullOrEmpty(host) ? null : host;

    /// <summary>Why two method lists overlap, or null when they do not; an empty list means every method.</summary>
    private static string? MethodConflict(List<string> a, List<string> b)
    {
        if (a.Count == 0 && b.Count == 0)
        {
            return "both answer every method";
        }

        if (a.Count == 0 || b.Count == 0)
        {
            return "one of them answers every method";
        }

        var shared = a.Select(m => m.Trim()).Intersect(b.Select(m => m.Trim()), StringComparer.OrdinalIgnoreCase).FirstOrDefault();
        return shared is null ? null : $"both answer {shared.ToUpperInvariant()}";
    }

    /// <summary>The routes of one group seen so far: the first of all, the first answering every method, and the first per method.</summary>
    private sealed class MethodIndex
    {
        private readonly Dictionary<string, int> _firstByMethod = new(StringComparer.OrdinalIgnoreCase);
        private int? _first;
        private int? _firstAnsweringAll;

        /// <summary>The earliest route seen that clashes with one answering <paramref name="methods"/> (empty: every method).</summary>
        public int? FirstClash(List<string> methods)
        {
            if (methods.Count == 0)
            {
                return _first;
            }

            var clash = _firstAnsweringAll;
            foreach (var method in methods)
            {
                if (_firstByMethod.TryGetValue(method.Trim(), out var i) && (clash is null || i < clash))
                {
                    clash = i;
                }
            }

            return clash;
        }

        public void Add(int index, List<string> methods)
        {
            _first ??= index;
            if (methods.Count == 0)
            {
                _firstAnsweringAll ??= index;
            }

            foreach (var method in methods)
            {
                _firstByMethod.TryAdd(method.Trim(), index);
            }
        }
    }
}
