using System.Buffers;
using System.Text;

namespace OcelotGateway.Routing.Paths;

/// <summary>
/// Escapes decoded path text for a URL: every character that is not plain path text (RFC 3986 unreserved, sub-delims, ':',
/// '@', and '/' between segments) becomes %XX escapes of its UTF-8 bytes, '%' included. Applied to text decoded once, the
/// result decodes back to exactly that text, so a downstream server that decodes once sees what the client meant.
/// </summary>
internal static class PathEscaper
{
    private static readonly SearchValues<char> PlainChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/");

    /// <summary>The escaped text; the same instance when nothing needs escaping.</summary>
    public static string Escape(string decoded)
    {
        var first = decoded.AsSpan().IndexOfAnyExcept(PlainChars);
        if (first < 0)
        {
            return decoded;
        }

        var builder = new StringBuilder(decoded.Length + 16);
        builder.Append(decoded, 0, first);
        Append(builder, decoded.AsSpan(first));
        return builder.ToString();
    }

    public static void Append(StringBuilder builder, ReadOnlySpan<char> decoded)
    {
        Span<byte> utf8 = stackalloc byte[4];
        while (!decoded.IsEmpty)
        {
            var plain = decoded.IndexOfAnyExcept(PlainChars);
            if (plain < 0)
            {
                builder.Append(decoded);
                return;
            }

            builder.Append(decoded[..plain]);
            decoded = decoded[plain..];
            if (Rune.DecodeFromUtf16(decoded, out var rune, out var consumed) != OperationStatus.Done)
            {
                // A lone surrogate has no UTF-8 form; Kestrel never produces one, other hosts might.
                rune = Rune.ReplacementChar;
            }

            var length = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < length; i++)
            {
                AppendEscape(builder, utf8[i]);
            }

            decoded = decoded[consumed..];
        }
    }

    public static void AppendEscape(StringBuilder builder, byte value) =>
        builder.Append('%').Append(HexDigit(value >> 4)).Append(HexDigit(value & 0xF));

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'A' + value - 10);
}
