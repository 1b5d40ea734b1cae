using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OcelotGateway.Routing.Templates;

/// <summary>
/// The two patterns Ocelot derives from an upstream path template: one decides whether a request matches, the other, built
/// differently, reads the placeholder values once the route is chosen. Both are reproduced rule for rule, except that
/// literal text is regex-escaped. Ocelot inserts it raw, so there a '.' matches any character, "()" matches nothing, and a
/// last segment starting with a literal '.' (<c>/files/.well-known</c>) becomes optional.
/// </summary>
internal static class UpstreamPathPatterns
{
    /// <summary>What the query separator becomes: a '/' at the end, "/?", "?" or the end of the input.</summary>
    private const string QuerySeparator = @"(/$|/\?|\?|$)";

    public static bool IsCatchAllRoot(string template) =>
        template.Length > 2 && template[0] == '/' && template[1] == '{' && template.IndexOf('}', 2) == template.Length - 1;

    /// <summary>The pattern tested against the path (or path + query when the template has a '?').</summary>
    public static string Matching(string template, int queryStart)
    {
        if (IsCatchAllRoot(template))
        {
            // Ocelot's "^/.*": anything that starts with '/'.
            return "^/";
        }

        if (template == "/")
        {
            return "^/$";
        }

        var hasQuery = queryStart >= 0;
        var pathText = hasQuery ? template[..queryStart] : template;
        if (hasQuery && pathText.EndsWith('/'))
        {
            // "/?" is one separator: the '/' before the '?' is optional.
            pathText = pathText[..^1];
        }

        var pathParts = TemplatePart.Split(pathText);
        TemplatePart[] queryParts = hasQuery ? TemplatePart.Split(template[(queryStart + 1)..]) : [];
        var optionalTail = OptionalTailLiteral(hasQuery ? queryParts : pathParts);
        var optionalFrom = -1;

        var pattern = new StringBuilder("^");
        for (var i = 0; i < pathParts.Length; i++)
        {
            if (pathParts[i].IsPlaceholder)
            {
                // One whole segment when more path follows (the query separator counts, it may start with '/').
                pattern.Append(hasQuery || SlashFollows(pathParts, i) ? "[^/]+" : ".*");
            }
            else
            {
                AppendLiteral(pattern, pathParts[i].Text, !hasQuery && i == optionalTail, ref optionalFrom);
            }
        }

        if (hasQuery)
        {
            pattern.Append(QuerySeparator);
            for (var i = 0; i < queryParts.Length; i++)
            {
                if (queryParts[i].IsPlaceholder)
                {
                    pattern.Append(".*");
                }
                else
                {
                    AppendLiteral(pattern, queryParts[i].Text, i == optionalTail, ref optionalFrom);
                }
            }
        }

        if (optionalFrom >= 0)
        {
            // A trailing catch-all segment may be absent altogether: "/a/{rest}" matches "/a".
            pattern.Insert(optionalFrom, "(?:|").Append(')');
        }
        else if (pattern[^1] == '/')
        {
            // A template ending in '/' makes the trailing slash optional.
            pattern.Length--;
            pattern.Append("(/|)");
        }

        return pattern.Append('$').ToString();
    }

    /// <summary>
    /// The pattern that reads placeholder values, anchored at the start only: the whole template escaped, each placeholder a
    /// group that stops at '/', '|' and '&amp;', the last one only at '&amp;'. Groups are named by position so that any
    /// placeholder name works; the same name twice shares one group, as it would in Ocelot.
    /// </summary>
    public static string Capturing(TemplatePart[] parts, string[] names)
    {
        var last = Array.FindLastIndex(parts, p => p.IsPlaceholder);
        var pattern = new StringBuilder("^");
        for (var i = 0; i < parts.Length; i++)
        {
            if (!parts[i].IsPlaceholder)
            {
                pattern.Append(Regex.Escape(parts[i].Text));
                continue;
            }

            pattern.Append("(?<").Append(GroupName(Array.IndexOf(names, parts[i].Text))).Append('>')
                .Append(i == last ? "[^&]*" : "[^/|&]*")
                .Append(')');
        }

        return pattern.ToString();
    }

    public static string GroupName(int placeholderIndex) =>
        "p" + placeholderIndex.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The literal holding the template's last '/', when that '/' ends it and a placeholder follows: in Ocelot's pattern the
    /// last '/' is then followed by ".*", which turns the rest into an optional segment. Earlier placeholders cannot get in
    /// the way: a one-segment placeholder is only chosen when some '/' still follows it.
    /// </summary>
    private static int OptionalTailLiteral(TemplatePart[] parts)
    {
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            if (!parts[i].IsPlaceholder && parts[i].Text.Contains('/'))
            {
                return parts[i].Text.EndsWith('/') && i + 1 < parts.Length && parts[i + 1].IsPlaceholder ? i : -1;
            }
        }

        return -1;
    }

    private static bool SlashFollows(TemplatePart[] parts, int index)
    {
        for (var i = index + 1; i < parts.Length; i++)
        {
            if (!parts[i].IsPlaceholder && parts[i].Text.Contains('/'))
            {
                return true;
            }
        }

        return false;
    }

    private static void AppendLiteral(StringBuilder pattern, string literal, bool startsOptionalTail, ref int optionalFrom)
    {
        if (!startsOptionalTail)
        {
            pattern.Append(Regex.Escape(literal));
            return;
        }

        pattern.Append(Regex.Escape(literal[..^1]));
        optionalFrom = pattern.Length;
        pattern.Append('/');
    }
}
