using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using OcelotGateway.Routing.Paths;

namespace OcelotGateway.Administration.Explain;

/// <summary>
/// A request to explain: what a client would send. Built only through <see cref="TryCreate"/>, which refuses what no client
/// could send (a method that is not an HTTP token, a header value with a line break), so the explainer never sees it.
/// </summary>
/// <param name="Authority">Scheme, host and port of the request (the host matters to <c>UpstreamHost</c>).</param>
/// <param name="RawTarget">
/// The path and query exactly as a client puts them on the request line: as typed, with only what cannot travel in a URL
/// escaped (a space, a non-ASCII character), and nothing decoded or resolved. The gateway decodes it as its server does.
/// </param>
internal sealed record ExplainRequest(
    string Method, Uri Authority, string RawTarget, IReadOnlyList<KeyValuePair<string, string>> Headers, IPAddress ClientAddress)
{
    public const int MaxHeaders = 100;
    public const int MaxUrlLength = 8192;
    public const int MaxHeaderLength = 8192;

    /// <summary>What a client sends unescaped in a query (RFC 3986): the plain characters of a path, and '?'.</summary>
    private static readonly SearchValues<char> QueryChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?");

    /// <summary>The URL as the client sends it.</summary>
    public string Url => Authority.GetLeftPart(UriPartial.Authority) + RawTarget;

    /// <param name="url">An absolute http(s) URL, or a path (with query) resolved against <paramref name="baseUri"/>.</param>
    /// <param name="headers">Header names and values as a client would send them.</param>
    /// <param name="baseUri">Where a bare path is sent: the gateway's own address.</param>
    public static bool TryCreate(
        string? method,
        string? url,
        IReadOnlyList<KeyValuePair<string, string>> headers,
        IPAddress clientAddress,
        Uri baseUri,
        [NotNullWhen(true)] out ExplainRequest? request,
        [NotNullWhen(false)] out string? error)
    {
        request = null;
        if (string.IsNullOrEmpty(method) || method.Length > 32 || !IsToken(method))
        {
            error = "method must be an HTTP method token such as GET";
            return false;
        }

        if (!TryResolveUrl(url, baseUri, out var authority, out var rawTarget, out error))
        {
            return false;
        }

        if (headers.Count > MaxHeaders)
        {
            error = $"at most {MaxHeaders} headers";
            return false;
        }

        foreach (var (name, value) in headers)
        {
            if (name.Length == 0 || name.Length > 256 || !IsToken(name))
            {
                error = "header names must be HTTP tokens (letters, digits, and !#$%&'*+-.^_`|~)";
                return false;
            }

            if (value.Length > MaxHeaderLength || value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            {
                error = $"header {name}: the value must be at most {MaxHeaderLength} characters, without line breaks";
                return false;
            }
        }

        request = new ExplainRequest(method, authority, rawTarget, headers, clientAddress);
        error = null;
        return true;
    }

    /// <param name="authority">Scheme, host and port: the URL's, or those of <paramref name="baseUri"/> for a bare path.</param>
    /// <param name="rawTarget">See <see cref="RawTarget"/>.</param>
    private static bool TryResolveUrl(
        string? url,
        Uri baseUri,
        [NotNullWhen(true)] out Uri? authority,
        [NotNullWhen(true)] out string? rawTarget,
        [NotNullWhen(false)] out string? error)
    {
        authority = null;
        rawTarget = null;
        error = $"url must be an absolute http(s) URL without user information, or a path starting with '/', at most {MaxUrlLength} characters";
        var text = url?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxUrlLength)
        {
            return false;
        }

        // The fragment stays with the client.
        var fragment = text.IndexOf('#', StringComparison.Ordinal);
        if (fragment >= 0)
        {
            text = text[..fragment];
        }

        string target;
        if (text.StartsWith('/') && !text.StartsWith("//", StringComparison.Ordinal))
        {
            authority = new Uri(baseUri.GetLeftPart(UriPartial.Authority));
            target = text;
        }
        else
        {
            var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
            var scheme = schemeEnd < 0 ? string.Empty : text[..schemeEnd];
            if (!scheme.Equals(Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase) && !scheme.Equals(Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            var rest = text[(schemeEnd + 3)..];
            var targetStart = rest.AsSpan().IndexOfAny('/', '?');
            var hostAndPort = targetStart < 0 ? rest : rest[..targetStart];

            // '\' and '@' would make clients disagree on where the host ends; user information is never sent.
            if (hostAndPort.Length == 0 || hostAndPort.AsSpan().IndexOfAny('\\', '@') >= 0
                || !Uri.TryCreate(scheme + "://" + hostAndPort, UriKind.Absolute, out authority))
            {
                return false;
            }

            target = targetStart < 0 ? "/" : rest[targetStart..];
        }

        var queryStart = target.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? target : target[..queryStart];
        var query = queryStart < 0 ? string.Empty : target[queryStart..];
        rawTarget = PercentEncoder.Escape(path.Length == 0 ? "/" : path, PercentEncoder.PathChars, keepEscapes: true)
            + PercentEncoder.Escape(query, QueryChars, keepEscapes: true);
        error = null;
        return true;
    }

    private static bool IsToken(string text)
    {
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }
}
