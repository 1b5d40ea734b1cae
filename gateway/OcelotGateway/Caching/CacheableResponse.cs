using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace OcelotGateway.Caching;

/// <summary>
/// Which downstream responses the cache may keep for other requests. Unlike Ocelot, which stores every response, a response
/// that sets a cookie, is marked <c>Cache-Control: private</c>, <c>no-store</c> or <c>no-cache</c>, or varies on everything
/// (<c>Vary: *</c>) is passed to its client only: replaying it would hand one client's session or personal data to another,
/// or serve an answer its origin said must not be reused without asking again.
/// </summary>
internal static class CacheableResponse
{
    private static readonly string[] RefusingDirectives = ["private", "no-store", "no-cache"];

    /// <summary>Why the response must not be stored, for the log line; null when it may be.</summary>
    public static string? RefusalReason(IHeaderDictionary headers)
    {
        if (headers.SetCookie.Count > 0)
        {
            return "it sets a cookie (Set-Cookie)";
        }

        foreach (var directive in Tokens(headers.CacheControl))
        {
            var name = DirectiveName(directive);
            foreach (var refusing in RefusingDirectives)
            {
                if (name.Equals(refusing, StringComparison.OrdinalIgnoreCase))
                {
                    return "Cache-Control: " + refusing;
                }
            }
        }

        foreach (var name in Tokens(headers.Vary))
        {
            if (name.Span.SequenceEqual("*"))
            {
                return "Vary: *";
            }
        }

        return null;
    }

    /// <summary>The request headers the response's <c>Vary</c> names, lower-case, each once.</summary>
    public static IReadOnlyList<string> VaryNames(IHeaderDictionary headers)
    {
        if (headers.Vary.Count == 0)
        {
            return [];
        }

        var names = new List<string>();
        foreach (var token in Tokens(headers.Vary))
        {
            var name = token.ToString().ToLowerInvariant();
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>The comma-separated items of every value of a header, trimmed, empty ones skipped.</summary>
    private static List<ReadOnlyMemory<char>> Tokens(StringValues values)
    {
        var tokens = new List<ReadOnlyMemory<char>>();
        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }

            foreach (var range in value.AsSpan().Split(','))
            {
                var token = value.AsMemory(range).Trim();
                if (token.Length > 0)
                {
                    tokens.Add(token);
                }
            }
        }

        return tokens;
    }

    /// <summary>
    /// A directive's name, before any <c>=argument</c>. A quoted argument containing commas leaves pieces whose names are not
    /// directives, so they never count as one; a real directive after them still does.
    /// </summary>
    private static ReadOnlySpan<char> DirectiveName(ReadOnlyMemory<char> directive)
    {
        var span = directive.Span;
        var equals = span.IndexOf('=');
        return (equals < 0 ? span : span[..equals]).Trim();
    }
}
