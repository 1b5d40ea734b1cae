using OcelotGateway.Transforms;

namespace OcelotGateway.Security;

/// <summary>
/// What a route checks and derives from the caller's claims before the request goes on: claims to add, claims required,
/// and claim values that the downstream path needs (<c>ChangeDownstreamPathTemplate</c>).
/// </summary>
public sealed class AuthorizationPolicy
{
    public required IReadOnlyList<ValueSource> AddClaims { get; init; }

    public required IReadOnlyList<ClaimRequirement> RequiredClaims { get; init; }

    public required IReadOnlyList<ValueSource> PathValues { get; init; }

    /// <summary>Claim-based header and query values: a missing claim answers 403, as in Ocelot, instead of sending a gap.</summary>
    public required IReadOnlyList<ValueSource> RequiredForTransforms { get; init; }
}
