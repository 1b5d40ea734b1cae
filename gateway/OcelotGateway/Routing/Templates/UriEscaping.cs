using System.Buffers;
using OcelotGateway.Routing.Paths;

namespace OcelotGateway.Routing.Templates;

/// <summary>The URL forms Ocelot works on, reproduced without building <see cref="Uri"/> objects per request.</summary>
internal static class UriEscaping
{
    // RFC 3986 query characters: unreserved, sub-delims, ':', '@', '/', '?'. '%' is checked separately.
    private static readonly SearchValues<char> QueryChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?");

    /// <summary>
    /// A query as <see cref="Uri"/> would send it: characters not allowed in a query are percent-encoded as UTF-8, and a '%'
    /// that does not start a valid escape becomes %25. '#' is encoded too, so a value can never turn into a fragment.
    /// Returns the same instance when nothing needs escaping.
    /// </summary>
    public static string EscapeQuery(string query) => PercentEncoder.Escape(query, QueryChars, keepEscapes: true);
}
