using OcelotGateway.Configuration.File;

namespace OcelotGateway.Security;

/// <summary>Compiles <c>SecurityOptions</c>: the route's when either of its lists has entries, else the global ones (§2.14).</summary>
public static class IpFilterPolicyCompiler
{
    /// <summary>Null when no list applies. Entries that do not parse were reported by validation and are skipped here.</summary>
    public static IpFilterPolicy? Compile(FileSecurityOptions? route, FileSecurityOptions? global)
    {
        var options = HasEntries(route) ? route : HasEntries(global) ? global : null;
        if (options is null)
        {
            return null;
        }

        return new IpFilterPolicy(Parse(options.IPAllowedList), Parse(options.IPBlockedList), options.ExcludeAllowedFromBlocked);
    }

    private static bool HasEntries(FileSecurityOptions? options) =>
        options is not null && (options.IPAllowedList.Count > 0 || options.IPBlockedList.Count > 0);

    private static IpAddressRange[] Parse(List<string> entries) =>
        [.. entries.Select(e => IpAddressRange.TryParse(e, out var range) ? range : null).OfType<IpAddressRange>()];
}
