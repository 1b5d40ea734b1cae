namespace OcelotGateway.Swagger;

/// <summary>
/// One <c>SwaggerEndPoints[].Config[]</c> entry, resolved: where its downstream document comes from and how it is rewritten.
/// Built from a compiled configuration and immutable, like it.
/// </summary>
internal sealed class SwaggerDocumentSource
{
    public required string Key { get; init; }

    /// <summary>The UI label, e.g. <c>Stock API</c>.</summary>
    public required string Name { get; init; }

    public required string Version { get; init; }

    /// <summary>Absolute downstream document URL; null when <see cref="ServiceName"/> is used.</summary>
    public Uri? Url { get; init; }

    /// <summary>Discovered service serving the document (SwaggerForOcelot's <c>Service.Name</c>).</summary>
    public string? ServiceName { get; init; }

    /// <summary>Path of the document on a <see cref="ServiceName"/> instance.</summary>
    public required string ServicePath { get; init; }

    /// <summary>Scheme for a <see cref="ServiceName"/> instance: the first route's <c>DownstreamScheme</c>, else chosen by port.</summary>
    public string? ServiceScheme { get; init; }

    public required bool Transform { get; init; }

    public required bool RemoveUnusedComponents { get; init; }

    public required bool TakeServersFromDownstreamService { get; init; }

    /// <summary>Server written into the document instead of the gateway's own scheme and host.</summary>
    public string? HostOverride { get; init; }

    /// <summary>The routes whose <c>SwaggerKey</c> is <see cref="Key"/>, with the version placeholder replaced.</summary>
    public required IReadOnlyList<SwaggerRoute> Routes { get; init; }

    /// <summary>The dropdown label, as SwaggerForOcelot writes it.</summary>
    public string Label => Name + " - " + Version;

    /// <summary>The document's address relative to the UI page (<c>docs/{version}/{key}</c>).</summary>
    public string RelativeUrl => "docs/" + Uri.EscapeDataString(Version) + "/" + Uri.EscapeDataString(Key);
}
