namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>The body a downstream stub's default echo handler answers with.</summary>
public sealed record EchoResponse(string Method, string RawTarget, string Path, string Query, Dictionary<string, string> Headers);
