using System.Globalization;
using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Configuration.File;

namespace OcelotGateway.Configuration.Validation;

/// <summary>Where a static route sends requests: hosts and ports, unless a <c>ServiceName</c> has discovery find them.</summary>
internal static class DownstreamHostRules
{
    private const string Key = nameof(FileRoute.DownstreamHostAndPorts);

    public static void Check(FileRoute route, ProblemScope scope)
    {
        if (!string.IsNullOrWhiteSpace(route.ServiceName))
        {
            if (route.DownstreamHostAndPorts.Count > 0)
            {
                scope.Warning(Key, $"ignored: ServiceName '{route.ServiceName}' is set, so hosts come from service discovery");
            }

            return;
        }

        if (route.DownstreamHostAndPorts.Count == 0)
        {
            scope.Error(Key, "required without ServiceName: at least one { \"Host\": \"...\", \"Port\": 80 }");
            return;
        }

        for (var i = 0; i < route.DownstreamHostAndPorts.Count; i++)
        {
            var entry = route.DownstreamHostAndPorts[i];
            var key = string.Create(CultureInfo.InvariantCulture, $"{Key}[{i}]");
            if (string.IsNullOrWhiteSpace(entry.Host))
            {
                scope.Error(key + ".Host", "required: a host name or IP address");
            }
            else if (entry.Host.Contains("://", StringComparison.Ordinal) || entry.Host.Contains('/', StringComparison.Ordinal))
            {
                scope.Error(key + ".Host", $"'{entry.Host}' must be a host name or IP address only; the scheme goes in DownstreamScheme, the path in DownstreamPathTemplate");
            }
            else if (!IsHost(entry.Host))
            {
                scope.Error(key + ".Host", $"'{entry.Host}' is not a host name or IP address");
            }

            // Ocelot keeps the request's port for any value of 0 or less; a negative one is taken for a mistake here.
            if (entry.Port is < 0 or > 65535)
            {
                scope.Error(key + ".Port", string.Create(
                    CultureInfo.InvariantCulture, $"{entry.Port} is out of range; expected 1-65535, or 0 to keep the port of the incoming request"));
            }
        }
    }

    /// <summary>Whether a downstream address can be made of it: a name or address, and nothing a URL would read as more.</summary>
    private static bool IsHost(string host)
    {
        var address = ClusterPlanner.DestinationAddress("http", new FileHostAndPort { Host = host, Port = 80 });
        return Uri.TryCreate(address, UriKind.Absolute, out var uri)
            && uri.UserInfo.Length == 0
            && uri.Port == 80
            && uri.AbsolutePath == "/"
            && uri.Query.Length == 0
            && uri.Fragment.Length == 0
            && uri.Host.Length > 0;
    }
}
