using System.Net;

namespace OcelotGateway.Security;

/// <summary>
/// A route's compiled <c>SecurityOptions</c> (reference §2.14): a client in the blocked list is refused; with a non-empty
/// allowed list, a client outside it is refused too. <c>ExcludeAllowedFromBlocked</c> lets allowed clients through a wider block.
/// </summary>
public sealed class IpFilterPolicy
{
    public IpFilterPolicy(IReadOnlyList<IpAddressRange> allowed, IReadOnlyList<IpAddressRange> blocked, bool excludeAllowedFromBlocked)
    {
        Allowed = allowed;
        Blocked = blocked;
        ExcludeAllowedFromBlocked = excludeAllowedFromBlocked;
    }

    public IReadOnlyList<IpAddressRange> Allowed { get; }

    public IReadOnlyList<IpAddressRange> Blocked { get; }

    public bool ExcludeAllowedFromBlocked { get; }

    /// <summary>True when the client may use the route; an unknown address is refused whenever a list applies.</summary>
    public bool Permits(IPAddress? client)
    {
        if (client is null)
        {
            return false;
        }

        var allowed = Allowed.Count > 0 && AnyContains(Allowed, client);
        if (AnyContains(Blocked, client) && !(ExcludeAllowedFromBlocked && allowed))
        {
            return false;
        }

        return Allowed.Count == 0 || allowed;
    }

    private static bool AnyContains(IReadOnlyList<IpAddressRange> ranges, IPAddress address)
    {
        foreach (var range in ranges)
        {
            if (range.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
