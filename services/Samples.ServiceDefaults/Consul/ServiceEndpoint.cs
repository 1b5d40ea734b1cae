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

    /// <summary>
    /// The Consul service ID: <c>{name}-{address}-{port}</c>, lower case, characters other than letters, digits, dots and dashes
    /// as dashes. Stable per address, so an instance restarted on the same address replaces its old registration instead of
    /// adding a second one that Consul would keep as long as the address answers its check.
    /// </summary>
    public string RegistrationId(string serviceName)
    {
        var id = string.Join('-', serviceName, Address, Port.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToLowerInvariant();
        return string.Create(id.Length, id, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-';
            }
        });
    }

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
