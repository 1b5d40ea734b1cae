namespace OcelotGateway.Caching;

/// <summary>A route's compiled <c>CacheOptions</c> (Ocelot §2.9): on only when the TTL is above zero.</summary>
public sealed class CachePolicy
{
    public const string DefaultHeader = "OC-Cache-Control";

    /// <summary>Absolute lifetime of an entry.</summary>
    public required TimeSpan Ttl { get; init; }

    /// <summary>Name the administration API clears; Ocelot's default is the route's methods and upstream template without slashes.</summary>
    public required string Region { get; init; }

    /// <summary>Request header whose value is part of the key.</summary>
    public required string Header { get; init; }

    /// <summary>The request body is part of the key.</summary>
    public required bool EnableContentHashing { get; init; }

    /// <summary>
    /// What the route is across reloads (methods, upstream template, host, header templates, service): the first part of every
    /// key, so two routes to the same downstream URL never share entries, and a reload that leaves the route alone keeps them.
    /// </summary>
    public required string RouteIdentity { get; init; }

    /// <summary>
    /// The authenticated caller is part of the key: true on routes with authentication unless <c>SharedAcrossUsers</c> is set.
    /// </summary>
    public required bool KeysOnCaller { get; init; }

    /// <summary>The upstream template, for logs.</summary>
    public required string RouteName { get; init; }
}
