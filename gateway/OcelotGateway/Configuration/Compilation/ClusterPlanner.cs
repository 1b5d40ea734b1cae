using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using OcelotGateway.Discovery;
using OcelotGateway.LoadBalancing;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.LoadBalancing;

namespace OcelotGateway.Configuration.Compilation;

/// <summary>
/// Groups routes by their downstream settings into YARP clusters. Cluster ids are derived from those settings, so an
/// unchanged cluster keeps its id (and YARP keeps its connections) across reloads.
/// </summary>
internal static class ClusterPlanner
{
    public const string ServiceNameMetadataKey = "ocelot.service-name";
    public const string AllowAutoRedirectMetadataKey = "ocelot.allow-auto-redirect";
    public const string UseCookieContainerMetadataKey = "ocelot.use-cookie-container";
    public const string UseProxyMetadataKey = "ocelot.use-proxy";
    public const string PooledConnectionLifetimeMetadataKey = "ocelot.pooled-connection-lifetime-seconds";
    public const string DelegatingHandlersMetadataKey = "ocelot.delegating-handlers";

    /// <summary>Scheme of a service cluster's destinations, so instances discovered later can be turned into addresses.</summary>
    public const string ServiceSchemeMetadataKey = "ocelot.service-scheme";

    /// <summary>YARP's own default inactivity timeout; a longer route timeout raises it so it never fires first.</summary>
    private static readonly TimeSpan MinimumActivityTimeout = TimeSpan.FromSeconds(100);

    internal sealed class Builder
    {
        private readonly Dictionary<string, (ClusterPlan Plan, TimeSpan Timeout)> _byKey = new(StringComparer.Ordinal);
        private readonly ServiceInstanceCache? _services;

        /// <param name="services">Last known instances of discovered services: service clusters start with them.</param>
        public Builder(ServiceInstanceCache? services = null)
        {
            _services = services;
        }

        /// <summary>Registers the plan and returns the id of the cluster that serves it.</summary>
        public string Add(ClusterPlan plan)
        {
            var key = DescribeIdentity(plan);
            var id = "c-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 8));
            _byKey[id] = _byKey.TryGetValue(id, out var existing)
                ? (existing.Plan, existing.Timeout > plan.Timeout ? existing.Timeout : plan.Timeout)
                : (plan, plan.Timeout);
            return id;
        }

        public IReadOnlyList<ClusterConfig> Build() =>
            [.. _byKey.Select(pair => ToClusterConfig(pair.Key, pair.Value.Plan, pair.Value.Timeout, _services))];
    }

    private static string DescribeIdentity(ClusterPlan plan)
    {
        var text = new StringBuilder();
        text.Append(plan.Scheme).Append('|').Append(plan.ServiceName).Append('|').Append(plan.LoadBalancerType).Append('|');
        foreach (var host in plan.Hosts)
        {
            text.Append(host.Host).Append(':').Append(host.Port.ToString(CultureInfo.InvariantCulture)).Append(',');
        }

        var handler = plan.Handler;
        text.Append('|').Append(handler?.AllowAutoRedirect).Append('|').Append(handler?.UseCookieContainer)
            .Append('|').Append(handler?.UseProxy).Append('|').Append(handler?.MaxConnectionsPerServer)
            .Append('|').Append(handler?.PooledConnectionLifetimeSeconds).Append('|').Append(plan.AcceptAnyCertificate)
            .Append('|').Append(ParseVersion(plan.HttpVersion)).Append('|').Append(ParsePolicy(plan.HttpVersionPolicy))
            .Append('|').AppendJoin(',', plan.DelegatingHandlers);
        return text.ToString();
    }

    private static ClusterConfig ToClusterConfig(string id, ClusterPlan plan, TimeSpan timeout, ServiceInstanceCache? services)
    {
        // A service cluster starts with the service's last known instances, so a reload does not empty it.
        var destinations = plan.ServiceName is not null && services?.Find(plan.ServiceName) is { } instances
            ? new Dictionary<string, DestinationConfig>(ServiceDestinations.Build(plan.Scheme, instances), StringComparer.Ordinal)
            : new Dictionary<string, DestinationConfig>(StringComparer.Ordinal);

        for (var i = 0; i < plan.Hosts.Count; i++)
        {
            // Zero-padded ids keep YARP's alphabetical order equal to the file's order, which is what NoLoadBalancer means.
            destinations[i.ToString("d4", CultureInfo.InvariantCulture)] = new DestinationConfig
            {
                Address = DestinationAddress(plan.Scheme, plan.Hosts[i]),
            };
        }

        var handler = plan.Handler;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (plan.ServiceName is not null)
        {
            metadata[ServiceNameMetadataKey] = plan.ServiceName;
            metadata[ServiceSchemeMetadataKey] = plan.Scheme;
        }

        AddFlag(metadata, AllowAutoRedirectMetadataKey, handler?.AllowAutoRedirect);
        AddFlag(metadata, UseCookieContainerMetadataKey, handler?.UseCookieContainer);
        AddFlag(metadata, UseProxyMetadataKey, handler?.UseProxy);
        if (handler?.PooledConnectionLifetimeSeconds is > 0)
        {
            metadata[PooledConnectionLifetimeMetadataKey] = handler.PooledConnectionLifetimeSeconds.Value.ToString(CultureInfo.InvariantCulture);
        }

        if (plan.DelegatingHandlers.Count > 0)
        {
            metadata[DelegatingHandlersMetadataKey] = string.Join(',', plan.DelegatingHandlers);
        }

        return new ClusterConfig
        {
            ClusterId = id,
            LoadBalancingPolicy = plan.LoadBalancerType switch
            {
                LoadBalancerTypes.RoundRobin => LoadBalancingPolicies.RoundRobin,
                LoadBalancerTypes.LeastConnection => LoadBalancingPolicies.LeastRequests,
                LoadBalancerTypes.CookieStickySessions => CookieStickySessionPolicy.PolicyName,
                _ => LoadBalancingPolicies.FirstAlphabetical,
            },
            Destinations = destinations,
            HttpClient = new HttpClientConfig
            {
                DangerousAcceptAnyServerCertificate = plan.AcceptAnyCertificate,
                MaxConnectionsPerServer = handler?.MaxConnectionsPerServer is > 0 ? handler.MaxConnectionsPerServer : null,
            },
            HttpRequest = new ForwarderRequestConfig
            {
                Version = ParseVersion(plan.HttpVersion),
                VersionPolicy = ParsePolicy(plan.HttpVersionPolicy),
                ActivityTimeout = timeout > MinimumActivityTimeout ? timeout : MinimumActivityTimeout,
            },
            Metadata = metadata,
        };
    }

    private static void AddFlag(Dictionary<string, string> metadata, string key, bool? value)
    {
        if (value == true)
        {
            metadata[key] = "true";
        }
    }

    internal static string DestinationAddress(string scheme, Configuration.File.FileHostAndPort host)
    {
        var transport = scheme switch
        {
            "ws" => "http",
            "wss" => "https",
            _ => scheme,
        };
        var name = host.Host!.Trim();
        if (IPAddress.TryParse(name, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !name.StartsWith('['))
        {
            name = "[" + name + "]";
        }

        return host.Port > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{transport}://{name}:{host.Port}")
            : string.Create(CultureInfo.InvariantCulture, $"{transport}://{name}");
    }

    /// <summary>
    /// Ocelot accepts <c>1.0</c>, <c>1.1</c> or <c>2.0</c> (a comma works as the separator) and falls back to 1.1; a bare major
    /// version (<c>2</c>) means its <c>.0</c>. Validation lets through only versions an HTTP client can send.
    /// </summary>
    internal static Version ParseVersion(string? text)
    {
        var normalized = text?.Trim().Replace(',', '.');
        if (normalized is { Length: 1 })
        {
            normalized += ".0";
        }

        return normalized is not null && Version.TryParse(normalized, out var version) && version.Major is >= 1 and <= 3
            ? new Version(version.Major, Math.Max(version.Minor, 0))
            : System.Net.HttpVersion.Version11;
    }

    internal static HttpVersionPolicy ParsePolicy(string? text) =>
        Enum.TryParse<HttpVersionPolicy>(text, ignoreCase: true, out var policy) ? policy : HttpVersionPolicy.RequestVersionOrLower;
}
