using OcelotGateway.Configuration.File;
using OcelotGateway.Transforms;

namespace OcelotGateway.Configuration.Compilation;

/// <summary>Compiles a route's header and query changes, adding global header transforms for headers the route leaves alone.</summary>
internal static class TransformPlanner
{
    public const string BaseUrlPlaceholder = "{BaseUrl}";

    public static RequestTransformPlan PlanRequest(FileRoute route, FileGlobalConfiguration global, string baseUrl)
    {
        var headers = Combine(route.UpstreamHeaderTransform, global.UpstreamHeaderTransform, baseUrl, trailingSlashOnBaseUrl: false);
        var addHeaders = route.AddHeadersToRequest.Select(pair => ValueSource.Parse(pair.Key, pair.Value)).ToArray();
        var addQueries = route.AddQueriesToRequest.Select(pair => ValueSource.Parse(pair.Key, pair.Value)).ToArray();
        return headers.Count == 0 && addHeaders.Length == 0 && addQueries.Length == 0
            ? RequestTransformPlan.None
            : new RequestTransformPlan(headers, addHeaders, addQueries);
    }

    public static ResponseTransformPlan PlanResponse(FileRoute route, FileGlobalConfiguration global, string baseUrl)
    {
        var headers = Combine(route.DownstreamHeaderTransform, global.DownstreamHeaderTransform, baseUrl, trailingSlashOnBaseUrl: true);
        return headers.Count == 0 ? ResponseTransformPlan.None : new ResponseTransformPlan(headers);
    }

    private static List<HeaderTransform> Combine(
        Dictionary<string, string> routeTransforms,
        Dictionary<string, string> globalTransforms,
        string baseUrl,
        bool trailingSlashOnBaseUrl)
    {
        var result = new List<HeaderTransform>(routeTransforms.Count + globalTransforms.Count);
        foreach (var (name, expression) in routeTransforms)
        {
            result.Add(Resolve(HeaderTransform.Parse(name, expression), baseUrl, trailingSlashOnBaseUrl));
        }

        foreach (var (name, expression) in globalTransforms)
        {
            if (!routeTransforms.Keys.Any(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)))
            {
                result.Add(Resolve(HeaderTransform.Parse(name, expression), baseUrl, trailingSlashOnBaseUrl));
            }
        }

        return result;
    }

    /// <summary>
    /// <c>{BaseUrl}</c> is known at load time, as a value or inside a replacement. When it replaces <c>{DownstreamBaseUrl}</c> (which ends in '/'),
    /// it gets a trailing '/' too, so <c>http://svc:81/pay</c> becomes <c>http://gateway/pay</c>.
    /// </summary>
    private static HeaderTransform Resolve(HeaderTransform transform, string baseUrl, bool trailingSlashOnBaseUrl)
    {
        if (transform.Kind == HeaderTransformKind.Set)
        {
            return transform.Value == BaseUrlPlaceholder ? transform with { Value = baseUrl } : transform;
        }

        if (!transform.Replacement.Contains(BaseUrlPlaceholder, StringComparison.Ordinal))
        {
            return transform;
        }

        var replacementBase = trailingSlashOnBaseUrl && transform.Value == "{DownstreamBaseUrl}" ? baseUrl + "/" : baseUrl;
        return transform with { Replacement = transform.Replacement.Replace(BaseUrlPlaceholder, replacementBase, StringComparison.Ordinal) };
    }
}
