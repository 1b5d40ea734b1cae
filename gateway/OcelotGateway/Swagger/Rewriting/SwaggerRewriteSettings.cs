namespace OcelotGateway.Swagger.Rewriting;

/// <summary>How one document is rewritten.</summary>
/// <param name="Routes">The routes exposing the document (its <c>SwaggerKey</c>), version placeholder already replaced.</param>
/// <param name="ServerUrl">The gateway as callers reach it, e.g. <c>http://127.0.0.1:5000</c>, no trailing '/'.</param>
internal sealed record SwaggerRewriteSettings(
    IReadOnlyList<SwaggerRoute> Routes,
    string ServerUrl,
    bool RemoveUnusedComponents = true,
    bool TakeServersFromDownstreamService = false);
