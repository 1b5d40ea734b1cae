using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace OcelotGateway.Security;

/// <summary>The client address IP filtering compares: the remote address, or behind trusted proxies the forwarded one.</summary>
internal sealed class ClientAddressResolver
{
    private const string ForwardedForHeader = "X-Forwarded-For";

    private readonly IpAddressRange[] _trustedProxies;

    public ClientAddressResolver(IOptions<ClientAddressOptions> options)
    {
        _trustedProxies = [.. options.Value.TrustedProxies.Select(p => IpAddressRange.TryParse(p, out var range) ? range : null).OfType<IpAddressRange>()];
    }

    public IPAddress? Resolve(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (_trustedProxies.Length == 0 || address is null || !IsTrusted(address))
        {
            return address;
        }

        // Proxies append the address they received from, so the right-most entry is the most trustworthy; walk left past our
        // own proxies. An entry that does not parse ends the walk: what lies left of it cannot be trusted.
        var values = context.Request.Headers[ForwardedForHeader];
        for (var v = values.Count - 1; v >= 0; v--)
        {
            var entries = (values[v] ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (var e = entries.Length - 1; e >= 0; e--)
            {
                if (!IPAddress.TryParse(entries[e], out var forwarded))
                {
                    return address;
                }

                address = forwarded;
                if (!IsTrusted(forwarded))
                {
                    return forwarded;
                }
            }
        }

        return address;
    }

    private bool IsTrusted(IPAddress address)
    {
        foreach (var proxy in _trustedProxies)
        {
            if (proxy.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
