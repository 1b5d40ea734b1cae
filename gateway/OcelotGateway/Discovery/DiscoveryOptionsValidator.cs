using Microsoft.Extensions.Options;

namespace OcelotGateway.Discovery;

/// <summary>Checks the dynamic-routing allow and exclusion lists at start-up, naming every bad entry by its key.</summary>
internal sealed class DiscoveryOptionsValidator : IValidateOptions<DiscoveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscoveryOptions options)
    {
        var failures = new List<string>();
        Check(failures, nameof(DiscoveryOptions.DynamicRoutingAllowed), options.DynamicRoutingAllowed);
        Check(failures, nameof(DiscoveryOptions.DynamicRoutingExcluded), options.DynamicRoutingExcluded ?? []);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string key, List<string> patterns)
    {
        for (var i = 0; i < patterns.Count; i++)
        {
            if (!DynamicRoutingFilter.IsValidPattern(patterns[i]))
            {
                failures.Add($"{DiscoveryOptions.SectionName}:{key}:{i} '{patterns[i]}' is neither a service name (letters, digits, '.', '_', '-') nor such a prefix ending in '*'.");
            }
        }
    }
}
