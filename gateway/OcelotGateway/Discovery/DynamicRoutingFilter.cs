using System.Text.RegularExpressions;

namespace OcelotGateway.Discovery;

/// <summary>
/// Which catalog services dynamic routing exposes (<see cref="DiscoveryOptions.DynamicRoutingAllowed"/> and
/// <see cref="DiscoveryOptions.DynamicRoutingExcluded"/>): a service is routed when the allow list is empty or one of its
/// patterns matches, and no exclusion matches. Patterns are names or prefixes ending in <c>*</c>, compared without case, so
/// <c>Consul</c> registered by someone else is excluded with <c>consul</c>.
/// </summary>
public sealed partial class DynamicRoutingFilter
{
    /// <summary>Excluded when <see cref="DiscoveryOptions.DynamicRoutingExcluded"/> is not set: Consul's own catalog entry.</summary>
    public static readonly IReadOnlyList<string> DefaultExcluded = ["consul"];

    private readonly string[] _allowed;
    private readonly string[] _excluded;

    public DynamicRoutingFilter(IReadOnlyList<string> allowed, IReadOnlyList<string> excluded)
    {
        _allowed = [.. allowed.Select(p => p.Trim())];
        _excluded = [.. excluded.Select(p => p.Trim())];
    }

    /// <summary>The default: every service but <c>consul</c>.</summary>
    public static DynamicRoutingFilter Default { get; } = new([], DefaultExcluded);

    public static DynamicRoutingFilter From(DiscoveryOptions options) =>
        new(options.DynamicRoutingAllowed, options.DynamicRoutingExcluded is { Count: > 0 } excluded ? excluded : DefaultExcluded);

    public bool Routes(string service) =>
        (_allowed.Length == 0 || Array.Exists(_allowed, p => Matches(p, service))) && !Array.Exists(_excluded, p => Matches(p, service));

    /// <summary>A name (<c>stock</c>), a prefix ending in <c>*</c> (<c>internal-*</c>) or <c>*</c> alone.</summary>
    public static bool IsValidPattern(string? pattern) => pattern is not null && Pattern().IsMatch(pattern.Trim());

    private static bool Matches(string pattern, string service) =>
        pattern.EndsWith('*')
            ? service.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.OrdinalIgnoreCase)
            : string.Equals(pattern, service, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^(\*|[A-Za-z0-9][A-Za-z0-9._-]*\*?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
