using System.Collections.Frozen;

namespace OcelotGateway.Swagger;

/// <summary>
/// What the document rewrite needs from one route that names a <c>SwaggerKey</c>: its templates (query parts included, they
/// are dropped when matching), the methods it exposes and the bearer scheme that guards it.
/// </summary>
/// <param name="Methods">Upper-case methods the route exposes; null means every method, as an empty <c>UpstreamHttpMethod</c> does.</param>
/// <param name="SecurityScheme">The route's first authentication scheme, or null when the route is open.</param>
/// <param name="Scopes">The route's <c>AllowedScopes</c>; listed in the operation's security requirement.</param>
internal sealed record SwaggerRoute(
    string UpstreamPathTemplate,
    string DownstreamPathTemplate,
    string? VirtualDirectory,
    FrozenSet<string>? Methods,
    string? DownstreamScheme,
    string? SecurityScheme,
    IReadOnlyList<string> Scopes)
{
    public bool Exposes(string method) => Methods is null || Methods.Contains(method);

    /// <summary>This route with SwaggerForOcelot's version placeholder (e.g. <c>{version}</c>) replaced in both templates.</summary>
    public SwaggerRoute WithVersion(string placeholder, string version) =>
        UpstreamPathTemplate.Contains(placeholder, StringComparison.Ordinal) || DownstreamPathTemplate.Contains(placeholder, StringComparison.Ordinal)
            ? this with
            {
                UpstreamPathTemplate = UpstreamPathTemplate.Replace(placeholder, version, StringComparison.Ordinal),
                DownstreamPathTemplate = DownstreamPathTemplate.Replace(placeholder, version, StringComparison.Ordinal),
            }
            : this;
}
