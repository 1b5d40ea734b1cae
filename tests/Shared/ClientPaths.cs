using System.Text;
using System.Text.RegularExpressions;
using CsCheck;

namespace OcelotGateway.Testing;

/// <summary>
/// Raw request paths as an attacker writes them, and an independent model of what they mean, for property tests of how the
/// gateway forwards paths. The model is deliberately simple (decode everything once, resolve dot segments) and shares no code
/// with the gateway.
/// </summary>
internal static partial class ClientPaths
{
    /// <summary>
    /// Pieces of a raw path segment: plain text, every spelling of '.', '/', '\' and '%' (escaped once and twice, both cases),
    /// path parameters, valid and invalid UTF-8 escapes (overlong, surrogate, truncated), and characters that need escaping.
    /// None of them is refused by Kestrel.
    /// </summary>
    public static readonly string[] Pieces =
    [
        "a", "Z", "0", "-", "_", "~", ".", "..", "%2e", "%2E", "%2e%2e", ".%2E", "%252e", "%252E%252e", "%2f", "%2F", "%252f",
        "%5c", "%5C", "%255C", "\\", ";", "..;", ";x=1", "%3B", "%41", "%2541", "%25", "%", "%zz", "%C3%A9", "%c3%a9", "%FF",
        "%C3", "%C3%41", "%C0%AE", "%E2%82%AC", "%F0%9F%98%80", "%ED%A0%80", "%20", "+", "%2B", "%3F", "%23", "&", "=", "'", "(",
        ")", "*", ",", "!", "$", ":", "@", "\"", "<", ">", "{", "}", "|", "^", "`", "[", "]",
    ];

    public static readonly Gen<string> Segment = Gen.OneOf(Pieces).Array[0, 4].Select(string.Concat);

    /// <summary>One to five segments joined by '/', without a leading '/'.</summary>
    public static readonly Gen<string> RelativePath = Segment.Array[1, 5].Select(segments => string.Join('/', segments));

    /// <summary>
    /// What a raw path means, segment by segment: each segment decoded once (a '%' that starts no escape is itself), after
    /// resolving "." and "..". A server that decodes once sees exactly this.
    /// </summary>
    public static IReadOnlyList<string> Meaning(string rawPath)
    {
        var segments = new List<string>();
        var raw = rawPath.Split('/');
        for (var i = 1; i < raw.Length; i++)
        {
            var decoded = Decode(raw[i]);
            var last = i == raw.Length - 1;
            if (decoded is "." or "..")
            {
                if (decoded == ".." && segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                if (last)
                {
                    segments.Add(string.Empty);
                }

                continue;
            }

            segments.Add(decoded);
        }

        return segments;
    }

    /// <summary>
    /// True when some server could read a dot segment in this path: segments end at '/', '\', %2F or %5C, '.' may be escaped
    /// as %2E, and a ';' starts path parameters that are ignored.
    /// </summary>
    public static bool HasDotSegment(string path) =>
        AnySeparator().Split(path).Any(segment =>
        {
            var beforeParameters = segment.Split(';')[0];
            return EscapedDot().Replace(beforeParameters, ".") is "." or "..";
        });

    /// <summary>Decodes %XX escapes to bytes and the bytes as UTF-8 (invalid bytes become U+FFFD), once.</summary>
    public static string Decode(string text)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    [GeneratedRegex("/|\\\\|%2[fF]|%5[cC]")]
    private static partial Regex AnySeparator();

    [GeneratedRegex("%2[eE]")]
    private static partial Regex EscapedDot();
}
