namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>The body a downstream stub's default echo handler answers with.</summary>
public sealed record EchoResponse(string Method, string RawTarget, string Path, string Query, Dictionary<string, string> Headers)
{
    /// <summary>Header names compare as HTTP compares them (Kestrel writes well-known names in its own casing, e.g. X-Request-ID).</summary>
    public Dictionary<string, string> Headers { get; } = new(Headers, StringComparer.OrdinalIgnoreCase);
}
