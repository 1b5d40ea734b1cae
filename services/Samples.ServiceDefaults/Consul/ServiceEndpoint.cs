using System.Net;
using Microsoft.AspNetCore.Http;

namespace Samples.ServiceDefaults.Consul;

/// <summary>
/// Where Consul (and through it the gateway) reaches this instance: the address Kestrel really bound — known only once the
/// server listens, so port 0 resolves to the real port — with the <c>ServiceAddress</c>/<c>ServicePort</c> overrides for
/// containers, whose bound address (all interfaces, an internal port) is not what others dial.
/// </summary>
internal sealed record ServiceEndpoint(string Scheme, string Address, int Port)
{
    public Uri HealthUrl(string path) => new UriBuilder(Scheme, Address, Port, path).Uri;

    /// <summary>Picks the first http address (else the first one) Kestrel listens on; null when there is none.</summary>
    public static ServiceEndpoint? Resolve(IEnumerable<string> boundAddresses, ConsulRegistrationOptions options)
    {
        var addresses = boundAddresses.Select(BindingAddress.Parse).ToList();
        var bound = addresses.FirstOrDefault(a => a.Scheme == Uri.UriSchemeHttp) ?? addresses.FirstOrDefault();
        if (bound is null)
        {
            return null;
        }

        var address = string.IsNullOrWhiteSpace(options.ServiceAddress) ? Reachable(bound.Host) : options.ServiceAddress.Trim();
        return new ServiceEndpoint(bound.Scheme, address, options.ServicePort ?? bound.Port);
    }

    private static string Reachable(string boundHost)
    {
        var host = boundHost.Trim('[', ']');
        var wildcard = host is "+" or "*" or "" || (IPAddress.TryParse(host, out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)));
        return wildcard ? Dns.GetHostName() : host;
    }
}
