using System.Buffers;
using System.Collections.Frozen;
using System.Text;

namespace OcelotGateway.Observability.Logging;

/// <summary>
/// Finds secrets in free text: the value of every <c>name=value</c> pair whose name is a secret parameter name, wherever the
/// pair stands (a query, a URL inside a query with its '=' escaped as %3D, a connection string), and the user information
/// of a URL (<c>https://user:secret@host</c>). The text is not parsed as a URL: log lines cut, quote and nest URLs in too
/// many ways. A value ends at '&amp;', '#', white space, a quote or an angle bracket, so a cut may redact a little more than
/// the value, never less.
/// </summary>
internal static class QueryValueRedaction
{
    // A name is the run of these characters before '=' ('%' included: a name may be escaped).
    private static readonly SearchValues<char> NameBreaks = SearchValues.Create("&#?=;,()[]{}<>\"'`/\\:@ \t\r\n\f\v|");

    private static readonly SearchValues<char> ValueBreaks = SearchValues.Create("&#\"'<>` \t\r\n\f\v");

    private static readonly SearchValues<char> AuthorityBreaks = SearchValues.Create("/?#\"'<> \t\r\n\f\v");

    private const int MaxDecodedName = 64;

    /// <summary>True when the text holds a secret; <paramref name="start"/> and <paramref name="end"/> give the first one.</summary>
    public static bool Find(string text, FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> names, out int start, out int end)
    {
        start = end = 0;
        if (!MayHoldSecrets(text))
        {
            return false;
        }

        return NextSecret(text, 0, names, out start, out end);
    }

    /// <summary>The text with every secret replaced by <see cref="LogRedactor.Redacted"/>; the same instance when it holds none.</summary>
    public static string Apply(string text, FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> names)
    {
        if (!Find(text, names, out var start, out var end))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var copied = 0;
        do
        {
            builder.Append(text, copied, start - copied).Append(LogRedactor.Redacted);
            copied = end;
        }
        while (NextSecret(text, end, names, out start, out end));

        return builder.Append(text, copied, text.Length - copied).ToString();
    }

    private static bool MayHoldSecrets(string text) =>
        text.Contains('=', StringComparison.Ordinal)
        || text.Contains("%3D", StringComparison.OrdinalIgnoreCase)
        || text.Contains("://", StringComparison.Ordinal);

    private static bool NextSecret(string text, int from, FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> names, out int start, out int end)
    {
        var userInfo = NextUserInfo(text, from, out var userStart, out var userEnd);
        var pair = NextSecretValue(text, from, names, out var valueStart, out var valueEnd);
        if (userInfo && (!pair || userStart < valueStart))
        {
            (start, end) = (userStart, userEnd);
            return true;
        }

        (start, end) = (valueStart, valueEnd);
        return pair;
    }

    private static bool NextSecretValue(
        string text, int from, FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> names, out int start, out int end)
    {
        for (var i = from; i < text.Length; i++)
        {
            var separatorLength = text[i] == '=' ? 1 : IsEscape(text, i, '3', 'd') ? 3 : 0;
            if (separatorLength == 0)
            {
                continue;
            }

            var escaped = separatorLength == 3;
            var nameStart = i;
            while (nameStart > from && !NameBreaks.Contains(text[nameStart - 1]))
            {
                nameStart--;
            }

            var name = AfterEscapedSeparator(text.AsSpan(nameStart, i - nameStart), ref escaped);
            start = i + separatorLength;
            end = start;
            while (end < text.Length && !ValueBreaks.Contains(text[end]) && !(escaped && IsEscape(text, end, '2', '6')))
            {
                end++;
            }

            // A value already redacted (by an earlier pass over the same line) stays as it is.
            if (end > start && IsSecretName(name, names) && !text.AsSpan(start, end - start).SequenceEqual(LogRedactor.Redacted))
            {
                return true;
            }

            // Scanning goes on inside the value: it may hold a URL with its own query.
        }

        start = end = 0;
        return false;
    }

    /// <summary>A name found inside an escaped query (<c>%3Ftoken</c>, <c>%26token</c>) starts after that escaped separator.</summary>
    private static ReadOnlySpan<char> AfterEscapedSeparator(ReadOnlySpan<char> name, ref bool escaped)
    {
        for (var i = name.Length - 3; i >= 0; i--)
        {
            if (name[i] == '%' && ((name[i + 1], (char)(name[i + 2] | 0x20)) is ('3', 'f') or ('2', '6') or ('3', 'b')))
            {
                escaped = true;
                return name[(i + 3)..];
            }
        }

        return name;
    }

    private static bool IsSecretName(ReadOnlySpan<char> name, FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> names)
    {
        if (name.IsEmpty)
        {
            return false;
        }

        if (names.Contains(name))
        {
            return true;
        }

        if (!name.Contains('%') || name.Length > MaxDecodedName)
        {
            return false;
        }

        // An escaped name (to%6Ben) means the same to the service that reads it.
        Span<char> decoded = stackalloc char[name.Length];
        var length = 0;
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] == '%' && i + 2 < name.Length && char.IsAsciiHexDigit(name[i + 1]) && char.IsAsciiHexDigit(name[i + 2]))
            {
                decoded[length++] = (char)Convert.ToByte(name.Slice(i + 1, 2).ToString(), 16);
                i += 2;
            }
            else
            {
                decoded[length++] = name[i];
            }
        }

        return names.Contains(decoded[..length]);
    }

    /// <summary>The next URL user information (<c>scheme://user:password@host</c>): the password, or the whole of it without one.</summary>
    private static bool NextUserInfo(string text, int from, out int start, out int end)
    {
        for (var scheme = text.IndexOf("://", from, StringComparison.Ordinal); scheme >= 0; scheme = text.IndexOf("://", scheme + 3, StringComparison.Ordinal))
        {
            var authorityStart = scheme + 3;
            var authorityLength = text.AsSpan(authorityStart).IndexOfAny(AuthorityBreaks);
            var authority = authorityLength < 0 ? text.AsSpan(authorityStart) : text.AsSpan(authorityStart, authorityLength);
            var at = authority.LastIndexOf('@');
            if (at <= 0)
            {
                continue;
            }

            var colon = authority[..at].IndexOf(':');
            start = authorityStart + colon + 1;
            end = authorityStart + at;
            if (end > start && !authority[(colon + 1)..at].SequenceEqual(LogRedactor.Redacted))
            {
                return true;
            }
        }

        start = end = 0;
        return false;
    }

    private static bool IsEscape(string text, int index, char high, char lowLowerCase) =>
        index + 2 < text.Length && text[index] == '%' && text[index + 1] == high && (text[index + 2] | 0x20) == lowLowerCase;
}
