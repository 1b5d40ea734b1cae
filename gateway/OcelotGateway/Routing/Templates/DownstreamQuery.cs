using System.Collections.Specialized;
using System.Text;
using System.Text.Encodings.Web;
using System.Web;
using Microsoft.AspNetCore.WebUtilities;

namespace OcelotGateway.Routing.Templates;

/// <summary>
/// The query Ocelot sends downstream. Its two branches parse and re-encode with different framework helpers, and the
/// differences are visible (how repeated and differently-cased names are grouped, which names are dropped), so each branch
/// uses the helper Ocelot uses. Re-encoding always goes through <see cref="UrlEncoder.Default"/>: a space becomes %20, a
/// quote %27, while <c>$ ( ) , ;</c> stay as they are.
/// </summary>
internal static class DownstreamQuery
{
    /// <summary>
    /// The downstream template has no query: the request's query, minus parameters named like a placeholder. When the route
    /// has placeholders the query is parsed and re-encoded even if nothing is removed; names are compared ignoring case, both
    /// for removal and for grouping (<c>a=1&amp;b=2&amp;A=3</c> becomes <c>a=1&amp;a=3&amp;b=2</c>). Without placeholders
    /// the query goes as it came.
    /// </summary>
    public static string WithoutPlaceholderParameters(string upstreamQuery, PlaceholderValues placeholders)
    {
        if (placeholders.Count == 0 || upstreamQuery.Length == 0)
        {
            return AsWritten(upstreamQuery);
        }

        var parameters = QueryHelpers.ParseQuery(upstreamQuery);
        for (var i = 0; i < placeholders.Count; i++)
        {
            parameters.Remove(placeholders[i].Key);
        }

        return QueryHelpers.AddQueryString(string.Empty, parameters);
    }

    /// <summary>
    /// The downstream template has a query (<paramref name="templateQuery"/>, from its '?', placeholders replaced). Without a
    /// request query it is sent as written. Otherwise: the template's parameters first, then the request's parameters whose
    /// name is neither among them nor a placeholder's name (both compared case-sensitively). Each side groups names ignoring
    /// case and joins repeated values with ','; a parameter without '=' or with an empty name is dropped.
    /// </summary>
    public static string Merge(string templateQuery, string upstreamQuery, PlaceholderValues placeholders)
    {
        if (upstreamQuery.Length == 0)
        {
            return AsWritten(templateQuery);
        }

        // Ocelot turns every '?' of the template's query into '&', even one inside a value.
        var fromTemplate = HttpUtility.ParseQueryString(templateQuery.Replace('?', '&'));

        // Ocelot reads the request's query from a System.Uri, which has already turned a stray '%' into %25.
        var fromRequest = HttpUtility.ParseQueryString(UriEscaping.EscapeQuery(upstreamQuery));

        var query = new StringBuilder();
        foreach (var name in fromTemplate.AllKeys)
        {
            if (!string.IsNullOrEmpty(name))
            {
                Append(query, name, fromTemplate[name]);
            }
        }

        foreach (var name in fromRequest.AllKeys)
        {
            if (!string.IsNullOrEmpty(name) && !IsPlaceholder(name, placeholders) && !HasName(fromTemplate, name))
            {
                Append(query, name, fromRequest[name]);
            }
        }

        return query.ToString();
    }

    // A bare "?" is dropped, as UriBuilder does with an empty query.
    private static string AsWritten(string query) => query == "?" ? string.Empty : UriEscaping.EscapeQuery(query);

    private static void Append(StringBuilder query, string name, string? value) =>
        query.Append(query.Length == 0 ? '?' : '&')
            .Append(UrlEncoder.Default.Encode(name))
            .Append('=')
            .Append(UrlEncoder.Default.Encode(value ?? string.Empty));

    private static bool IsPlaceholder(string name, PlaceholderValues placeholders)
    {
        for (var i = 0; i < placeholders.Count; i++)
        {
            if (string.Equals(placeholders[i].Key, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasName(NameValueCollection parameters, string name)
    {
        foreach (var existing in parameters.AllKeys)
        {
            if (string.Equals(existing, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
