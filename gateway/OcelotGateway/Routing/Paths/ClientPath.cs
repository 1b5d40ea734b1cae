using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace OcelotGateway.Routing.Paths;

/// <summary>
/// The request path as the client meant it, in one escaped form: decoded exactly once, as Kestrel decodes it, then escaped
/// again so that whatever is not plain path text is a %XX escape. A client's <c>%41</c> becomes <c>A</c>, its <c>%2541</c>
/// stays <c>%2541</c> (it meant the three characters "%41"), its <c>%2F</c> stays <c>%2F</c> (a '/' inside one segment), and
/// its <c>%2e%2e</c> segments were already resolved by Kestrel. Upstream templates match this form and placeholder values are
/// read from it, so a value reaches the downstream service with the one layer of encoding the client gave it.
/// </summary>
/// <remarks>
/// Kestrel's decoded path is ambiguous only where it holds a '%': it decodes <c>%25</c> to '%' but keeps <c>%2F</c> and
/// escapes that are not valid UTF-8 as sent. Only then is the raw request target decoded again to tell them apart; when that
/// cannot be matched with the decoded path (a host rewrote the path, a request in absolute form), every '%' is taken as a
/// literal '%'. That may add a layer of escaping to a client's <c>%2F</c>, never remove one.
/// </remarks>
public static class ClientPath
{
    public static string Of(HttpRequest request)
    {
        var path = request.Path.HasValue ? request.Path.Value! : "/";
        if (!path.Contains('%', StringComparison.Ordinal))
        {
            return PercentEncoder.Escape(path, PercentEncoder.PathChars, keepEscapes: false);
        }

        var rawTarget = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        return Escape(path, rawTarget, request.PathBase.Value);
    }

    /// <param name="path">The path as the server decoded it, starting with '/'.</param>
    /// <param name="rawTarget">The request target exactly as sent, if known.</param>
    /// <param name="pathBase">The part of the decoded path the host moved into the path base, if any.</param>
    internal static string Escape(string path, string? rawTarget, string? pathBase = null)
    {
        if (path.Contains('%', StringComparison.Ordinal)
            && rawTarget is { Length: > 0 } && rawTarget[0] == '/'
            && RawPathDecoder.TryDecode(RawPathOf(rawTarget), out var decoded, out var escaped))
        {
            if (string.IsNullOrEmpty(pathBase))
            {
                if (string.Equals(decoded, path, StringComparison.Ordinal))
                {
                    return escaped;
                }
            }
            else if (decoded.Length == pathBase.Length + path.Length
                && decoded.StartsWith(pathBase, StringComparison.Ordinal)
                && decoded.EndsWith(path, StringComparison.Ordinal))
            {
                // The escaped form holds a '/' only between segments, so the path base covers as many of them in both forms.
                return escaped[NthSlash(escaped, pathBase.Count(c => c == '/') + 1)..];
            }
        }

        return PercentEncoder.Escape(path, PercentEncoder.PathChars, keepEscapes: false);
    }

    private static ReadOnlySpan<char> RawPathOf(string rawTarget)
    {
        var end = rawTarget.AsSpan().IndexOfAny('?', '#');
        return end < 0 ? rawTarget : rawTarget.AsSpan(0, end);
    }

    private static int NthSlash(string text, int n)
    {
        var index = -1;
        for (var found = 0; found < n; found++)
        {
            index = text.IndexOf('/', index + 1);
            if (index < 0)
            {
                return text.Length;
            }
        }

        return index;
    }
}
