using System.Buffers;
using System.Globalization;
using System.Text;

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
    public static string EscapeQuery(string query)
    {
        var first = FirstToEscape(query);
        if (first < 0)
        {
            return query;
        }

        var builder = new StringBuilder(query.Length + 16);
        builder.Append(query, 0, first);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = first; i < query.Length;)
        {
            if (!NeedsEscape(query, i))
            {
                builder.Append(query[i++]);
                continue;
            }

            if (Rune.DecodeFromUtf16(query.AsSpan(i), out var rune, out var consumed) != OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
            }

            var length = rune.EncodeToUtf8(utf8);
            for (var b = 0; b < length; b++)
            {
                builder.Append('%').Append(utf8[b].ToString("X2", CultureInfo.InvariantCulture));
            }

            i += consumed;
        }

        return builder.ToString();
    }

    private static int FirstToEscape(string query)
    {
        for (var i = 0; i < query.Length; i++)
        {
            if (NeedsEscape(query, i))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool NeedsEscape(string text, int index) =>
        text[index] == '%' ? !IsEscapeSequence(text, index) : !QueryChars.Contains(text[index]);

    private static bool IsEscapeSequence(string text, int index) =>
        index + 2 < text.Length && char.IsAsciiHexDigit(text[index + 1]) && char.IsAsciiHexDigit(text[index + 2]);
}
