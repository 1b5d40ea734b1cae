using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace OcelotGateway.Administration.Explain;

/// <summary>
/// A request to explain: what a client would send. Built only through <see cref="TryCreate"/>, which refuses what no client
/// could send (a method that is not an HTTP token, a header value with a line break), so the explainer never sees it.
/// </summary>
internal sealed record ExplainRequest(string Method, Uri Url, IReadOnlyList<KeyValuePair<string, string>> Headers, IPAddress ClientAddress)
{
    public const int MaxHeaders = 100;
    public const int MaxUrlLength = 8192;
    public const int MaxHeaderLength = 8192;

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

        if (!TryResolveUrl(url, baseUri, out var resolved, out error))
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

        request = new ExplainRequest(method, resolved, headers, clientAddress);
        error = null;
        return true;
    }

    private static bool TryResolveUrl(string? url, Uri baseUri, [NotNullWhen(true)] out Uri? resolved, [NotNullWhen(false)] out string? error)
    {
        resolved = null;
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxUrlLength)
        {
            error = $"url is required: an absolute http(s) URL or a path starting with '/', at most {MaxUrlLength} characters";
            return false;
        }

        if (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
        {
            resolved = Uri.TryCreate(baseUri, url, out var combined) ? combined : null;
        }
        else if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            resolved = absolute;
        }

        if (resolved is null || resolved.UserInfo.Length > 0)
        {
            error = "url must be an absolute http(s) URL without user information, or a path starting with '/'";
            return false;
        }

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
