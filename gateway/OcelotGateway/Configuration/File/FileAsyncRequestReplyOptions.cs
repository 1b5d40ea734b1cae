namespace OcelotGateway.Configuration.File;

/// <summary>
/// Our extension (not in Ocelot): the route answers <c>202 Accepted</c> at once with a request key, calls downstream in the
/// background and keeps the complete response for <see cref="TtlSeconds"/> so the client can poll for it.
/// </summary>
public sealed class FileAsyncRequestReplyOptions
{
    /// <summary>On when the section is present, unless set to false.</summary>
    public bool? Enabled { get; set; }

    /// <summary>How long a finished response stays readable, in seconds (default 10). Keep it below the data's own freshness.</summary>
    public int? TtlSeconds { get; set; }

    /// <summary>The <c>Retry-After</c> value, in seconds, on 202 answers (default 1).</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>Request header carrying the request key to the downstream service (default <c>X-Request-Key</c>).</summary>
    public string? KeyHeader { get; set; }
}
