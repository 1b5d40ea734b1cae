using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using OcelotGateway.Routing;

namespace OcelotGateway.Caching;

/// <summary>Which of a response's headers an entry keeps: the downstream service's, not the ones made for one request.</summary>
internal static class StoredResponseHeaders
{
    /// <summary>
    /// The response's headers minus what the gateway added for this request only: values earlier steps set before the call
    /// (rate-limit counters, X-Cache), the request id, and framing headers.
    /// </summary>
    public static KeyValuePair<string, StringValues>[] From(
        IHeaderDictionary headers, Dictionary<string, StringValues> before, GatewayRouteFeature feature)
    {
        var kept = new List<KeyValuePair<string, StringValues>>(headers.Count);
        foreach (var (name, values) in headers)
        {
            if (IsPerRequest(name, feature))
            {
                continue;
            }

            var stored = values;
            if (before.TryGetValue(name, out var earlier))
            {
                // YARP appends downstream values to what was already there; keep only the appended ones.
                if (values.Count <= earlier.Count || !StartsWith(values, earlier))
                {
                    continue;
                }

                stored = new StringValues(values.ToArray()[earlier.Count..]);
            }

            kept.Add(new KeyValuePair<string, StringValues>(name, stored));
        }

        return [.. kept];
    }

    private static bool IsPerRequest(string name, GatewayRouteFeature feature) =>
        name.Equals(CacheHeaders.Cache, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.Age, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.TransferEncoding, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.Connection, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.KeepAlive, StringComparison.OrdinalIgnoreCase)
        || (feature.RequestId is not null && name.Equals(feature.Route.RequestIdKey, StringComparison.OrdinalIgnoreCase));

    private static bool StartsWith(StringValues values, StringValues prefix)
    {
        for (var i = 0; i < prefix.Count; i++)
        {
            if (!string.Equals(values[i], prefix[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
