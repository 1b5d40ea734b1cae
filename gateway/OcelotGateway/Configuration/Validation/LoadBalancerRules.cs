using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Configuration.File;

namespace OcelotGateway.Configuration.Validation;

/// <summary><c>LoadBalancerOptions</c>: a known type (Ocelot matches it case-sensitively and fails each request otherwise).</summary>
internal static class LoadBalancerRules
{
    private static readonly string[] BuiltIn =
        [LoadBalancerTypes.NoLoadBalancer, LoadBalancerTypes.RoundRobin, LoadBalancerTypes.LeastConnection, LoadBalancerTypes.CookieStickySessions];

    public static void Check(FileLoadBalancerOptions? options, ValidationContext context, ProblemScope parent)
    {
        if (options is null)
        {
            return;
        }

        var scope = parent.Nested("LoadBalancerOptions");
        if (!string.IsNullOrWhiteSpace(options.Type)
            && !BuiltIn.Contains(options.Type, StringComparer.Ordinal)
            && !context.CustomLoadBalancerTypes.Contains(options.Type))
        {
            var sameButCase = BuiltIn.Concat(context.CustomLoadBalancerTypes)
                .FirstOrDefault(t => string.Equals(t, options.Type.Trim(), StringComparison.OrdinalIgnoreCase));
            scope.Error(
                nameof(FileLoadBalancerOptions.Type),
                sameButCase is not null
                    ? $"unknown load balancer type '{options.Type}'; names are case-sensitive, write {sameButCase}"
                    : $"unknown load balancer type '{options.Type}'; expected {Expected(context)}");
        }

        if (options.Expiry is <= 0)
        {
            scope.Error(nameof(FileLoadBalancerOptions.Expiry), $"{options.Expiry} must be above 0 (milliseconds a sticky session lasts)");
        }
    }

    private static string Expected(ValidationContext context)
    {
        var names = BuiltIn.Concat(context.CustomLoadBalancerTypes.Order(StringComparer.Ordinal)).ToList();
        return string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1];
    }
}
