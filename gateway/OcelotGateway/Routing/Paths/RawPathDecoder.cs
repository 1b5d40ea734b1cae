using System.Text;

namespace OcelotGateway.Routing.Paths;

/// <summary>
/// Decodes a raw request path as Kestrel does: each %XX sequence that forms valid UTF-8 is decoded once, %2F and sequences
/// that are not valid UTF-8 stay as sent, a '%' without two hex digits stays a '%'; then dot segments are removed. Beside that
/// decoded text it builds the escaped form (see <see cref="PercentEncoder"/>) in which a '%' the client sent as %25 is escaped
/// again while the escapes Kestrel kept stay single: Kestrel's decoded path alone cannot tell <c>%252F</c> from <c>%2F</c>.
/// </summary>
internal static class RawPathDecoder
{
    /// <param name="rawPath">The path part of the request target, starting with '/'.</param>
    /// <returns>False when Kestrel would have refused the path (an escaped NUL).</returns>
    public static bool TryDecode(ReadOnlySpan<char> rawPath, out string decoded, out string escaped)
    {
        var segments = new List<(string Decoded, string Escaped)>();
        var decodedSegment = new StringBuilder();
        var escapedSegment = new StringBuilder();
        var rest = rawPath[1..];
        while (true)
        {
            var end = rest.IndexOf('/');
            var segment = end < 0 ? rest : rest[..end];
            if (!TryDecodeSegment(segment, decodedSegment, escapedSegment))
            {
                decoded = escaped = string.Empty;
                return false;
            }

            Push(segments, decodedSegment.ToString(), escapedSegment.ToString(), isLast: end < 0);
            decodedSegment.Clear();
            escapedSegment.Clear();
            if (end < 0)
            {
                break;
            }

            rest = rest[(end + 1)..];
        }

        decoded = Join(segments, useDecoded: true);
        escaped = Join(segments, useDecoded: false);
        return true;
    }

    // RFC 3986 section 5.2.4 on whole segments: "." goes, ".." also takes the segment before it; either one last leaves a '/'.
    private static void Push(List<(string Decoded, string Escaped)> segments, string decoded, string escaped, bool isLast)
    {
        var isDot = decoded == ".";
        var isDotDot = decoded == "..";
        if (!isDot && !isDotDot)
        {
            segments.Add((decoded, escaped));
            return;
        }

        if (isDotDot && segments.Count > 0)
        {
            segments.RemoveAt(segments.Count - 1);
        }

        if (isLast)
        {
            segments.Add((string.Empty, string.Empty));
        }
    }

    private static string Join(List<(string Decoded, string Escaped)> segments, bool useDecoded)
    {
        var builder = new StringBuilder();
        foreach (var (decoded, escaped) in segments)
        {
            builder.Append('/').Append(useDecoded ? decoded : escaped);
        }

        return builder.Length == 0 ? "/" : builder.ToString();
    }

    private static bool TryDecodeSegment(ReadOnlySpan<char> raw, StringBuilder decoded, StringBuilder escaped)
    {
        Span<byte> bytes = stackalloc byte[4];
        Span<char> chars = stackalloc char[2];
        var i = 0;
        while (i < raw.Length)
        {
            if (raw[i] != '%')
            {
                var plainEnd = raw[i..].IndexOf('%');
                var plain = plainEnd < 0 ? raw[i..] : raw.Slice(i, plainEnd);
                decoded.Append(plain);
                PercentEncoder.Append(escaped, plain, PercentEncoder.PathChars, keepEscapes: false);
                i += plain.Length;
                continue;
            }

            var consumed = DecodeSequence(raw[i..], bytes, out var byteCount);
            if (byteCount > 0)
            {
                if (bytes[0] == 0)
                {
                    return false;
                }

                var charCount = Encoding.UTF8.GetChars(bytes[..byteCount], chars);
                decoded.Append(chars[..charCount]);
                PercentEncoder.Append(escaped, chars[..charCount], PercentEncoder.PathChars, keepEscapes: false);
            }
            else
            {
                // Kept as sent. Escapes Kestrel kept are forwarded as the same escapes; a '%' that starts none is a literal '%'.
                decoded.Append(raw.Slice(i, consumed));
                if (consumed == 1 && !StartsEscape(raw[i..]))
                {
                    escaped.Append("%25");
                }
                else
                {
                    escaped.Append(raw.Slice(i, consumed));
                }
            }

            i += consumed;
        }

        return true;
    }

    /// <summary>
    /// Reads the escaped UTF-8 sequence at the start of <paramref name="raw"/> (which starts with '%'). Returns how many
    /// characters Kestrel consumes there and, when it decodes them, the bytes; <paramref name="byteCount"/> is 0 when it
    /// keeps them as sent (only the '%' when the first escape is not one it decodes, else the escapes read so far).
    /// </summary>
    private static int DecodeSequence(ReadOnlySpan<char> raw, Span<byte> bytes, out int byteCount)
    {
        byteCount = 0;
        var lead = ReadEscape(raw);
        if (lead < 0)
        {
            return 1;
        }

        if (lead <= 0x7F)
        {
            bytes[0] = (byte)lead;
            byteCount = 1;
            return 3;
        }

        int length, bits, minimum;
        if ((lead & 0xE0) == 0xC0)
        {
            (length, bits, minimum) = (2, lead & 0x1F, 0x80);
        }
        else if ((lead & 0xF0) == 0xE0)
        {
            (length, bits, minimum) = (3, lead & 0x0F, 0x800);
        }
        else if ((lead & 0xF8) == 0xF0)
        {
            (length, bits, minimum) = (4, lead & 0x07, 0x10000);
        }
        else
        {
            return 3;
        }

        bytes[0] = (byte)lead;
        var consumed = 3;
        for (var read = 1; read < length; read++)
        {
            var next = ReadEscape(raw[consumed..]);
            if (next < 0 || (next & 0xC0) != 0x80)
            {
                return consumed;
            }

            bits = (bits << 6) | (next & 0x3F);
            var remaining = length - read - 1;
            if ((remaining == 1 && bits is >= 0x360 and <= 0x37F) || (remaining == 2 && bits >= 0x110))
            {
                // A UTF-16 surrogate, or beyond U+10FFFF.
                return consumed;
            }

            bytes[read] = (byte)next;
            consumed += 3;
        }

        if (bits < minimum)
        {
            // An overlong form, such as %C0%AE for '.'.
            return consumed;
        }

        byteCount = length;
        return consumed;
    }

    /// <summary>The byte of a %XX escape Kestrel decodes at the start of <paramref name="raw"/>; -1 for none or %2F.</summary>
    private static int ReadEscape(ReadOnlySpan<char> raw)
    {
        if (!StartsEscape(raw))
        {
            return -1;
        }

        var value = (HexValue(raw[1]) << 4) | HexValue(raw[2]);
        return value == '/' ? -1 : value;
    }

    private static bool StartsEscape(ReadOnlySpan<char> raw) =>
        raw.Length >= 3 && raw[0] == '%' && char.IsAsciiHexDigit(raw[1]) && char.IsAsciiHexDigit(raw[2]);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
