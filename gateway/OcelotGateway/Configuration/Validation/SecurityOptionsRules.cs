using System.Globalization;
using OcelotGateway.Configuration.File;
using OcelotGateway.Security;

namespace OcelotGateway.Configuration.Validation;

/// <summary><c>SecurityOptions</c> IP lists: every entry must parse, or the allow list silently lets nobody in.</summary>
internal static class SecurityOptionsRules
{
    public static void Check(FileSecurityOptions? options, ProblemScope parent)
    {
        if (options is null)
        {
            return;
        }

        var scope = parent.Nested("SecurityOptions");
        CheckList(options.IPAllowedList, nameof(FileSecurityOptions.IPAllowedList), scope);
        CheckList(options.IPBlockedList, nameof(FileSecurityOptions.IPBlockedList), scope);
    }

    private static void CheckList(List<string> entries, string key, ProblemScope scope)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (!IpAddressRange.TryParse(entries[i], out _))
            {
                scope.Error(
                    string.Create(CultureInfo.InvariantCulture, $"{key}[{i}]"),
                    $"'{entries[i]}' is not an IP address, range (10.0.0.1-10.0.0.9 or 10.0.0.1-9) or network (10.0.0.0/8, 10.0.0.0/255.0.0.0, 2001:db8::/32)");
            }
        }
    }
}
