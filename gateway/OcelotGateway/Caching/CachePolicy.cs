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

    /// <summary>The upstream template, for logs.</summary>
    public required string RouteName { get; init; }
}
