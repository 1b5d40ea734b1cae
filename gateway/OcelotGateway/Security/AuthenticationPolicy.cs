using System.Collections.Frozen;

namespace OcelotGateway.Security;

/// <summary>
/// A route's compiled <c>AuthenticationOptions</c>: the schemes tried in order (first success wins) and the scopes of which
/// the caller needs at least one.
/// </summary>
public sealed class AuthenticationPolicy
{
    public required IReadOnlyList<string> Schemes { get; init; }

    /// <summary>Empty means any authenticated caller.</summary>
    public required FrozenSet<string> AllowedScopes { get; init; }
}
