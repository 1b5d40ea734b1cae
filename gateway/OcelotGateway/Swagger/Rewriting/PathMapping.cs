namespace OcelotGateway.Swagger.Rewriting;

/// <summary>Where one downstream document path lands on the gateway for one route.</summary>
/// <param name="UpstreamPath">The gateway path, in OpenAPI template form (<c>/stock/{symbol}</c>).</param>
/// <param name="Renames">Path parameters the document names differently from the route: document name → route name.</param>
/// <param name="AddedParameters">Route placeholders the downstream path does not carry; the operation gains them as path parameters.</param>
internal sealed record PathMapping(string UpstreamPath, IReadOnlyDictionary<string, string> Renames, IReadOnlyList<string> AddedParameters);
