using System.Buffers;
using System.Text;

namespace OcelotGateway.Routing.Paths;

/// <summary>
/// Percent-encodes text for a URL: every character outside a set of plain characters becomes %XX escapes of its UTF-8
/// bytes. A '%' is escaped as well, unless escapes are kept and it starts one: applied to text decoded once (escapes not
/// kept), the result decodes back to exactly that text.
/// </summary>
internal static class PercentEncoder
{
    /// <summary>Plain path text: RFC 3986 unreserved characters, sub-delims, ':', '@', and '/' between segments.</summary>
    public static readonly SearchValues<char> PathChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/");

    /// <summary>The encoded text; the same instance when nothing needs escaping.</summary>
    public static string Escape(string text, SearchValues<char> plain, bool keepEscapes)
    {
        var first = NextToEscape(text, plain, keepEscapes);
        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        builder.Append(text, 0, first);
        Append(builder, text.AsSpan(first), plain, keepEscapes);
        return builder.ToString();
    }

    public static void Append(StringBuilder builder, ReadOnlySpan<char> text, SearchValues<char> plain, bool keepEscapes)
    {
        Span<byte> utf8 = stackalloc byte[4];
        while (!text.IsEmpty)
        {
            var next = NextToEscape(text, plain, keepEscapes);
            if (next < 0)
            {
                builder.Append(text);
                return;
            }

            builder.Append(text[..next]);
            text = text[next..];
            if (Rune.DecodeFromUtf16(text, out var rune, out var consumed) != OperationStatus.Done)
            {
                // A lone surrogate has no UTF-8 form; Kestrel never produces one, other hosts might.
                rune = Rune.ReplacementChar;
            }

            var length = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < length; i++)
            {
                builder.Append('%').Append(HexDigit(utf8[i] >> 4)).Append(HexDigit(utf8[i] & 0xF));
            }

            text = text[consumed..];
        }
    }

    private static int NextToEscape(ReadOnlySpan<char> text, SearchValues<char> plain, bool keepEscapes)
    {
        var offset = 0;
        while (true)
        {
            var next = text[offset..].IndexOfAnyExcept(plain);
            if (next < 0)
            {
                return -1;
            }

            next += offset;
            if (!keepEscapes || !StartsEscape(text[next..]))
            {
                return next;
            }

            offset = next + 3;
        }
    }

    private static bool StartsEscape(ReadOnlySpan<char> text) =>
        text.Length >= 3 && text[0] == '%' && char.IsAsciiHexDigit(text[1]) && char.IsAsciiHexDigit(text[2]);

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'A' + value - 10);
}
