namespace OcelotGateway.Routing.Templates;

/// <summary>The path and query a request is sent to downstream.</summary>
/// <param name="Path">
/// The path, starting with '/'. Placeholder values carry the escapes of the upstream path (<c>a%20b</c>) while template
/// text is as written, so characters not allowed in a URL path may remain: send it through
/// <c>PathString.ToUriComponent</c>, which escapes those and keeps existing %XX sequences (as Ocelot's <c>UriBuilder</c> does).
/// </param>
/// <param name="QueryString">The query, encoded and ready to append: with its leading '?', or empty.</param>
public readonly record struct DownstreamTarget(string Path, string QueryString);
