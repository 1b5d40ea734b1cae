using System.Text;

namespace OcelotGateway.Routing.Templates;

/// <summary>
/// The shape most route files use, a literal prefix ending in '/' and one placeholder after it (<c>/api/{everything}</c>), matched
/// and read without a regular expression. It answers exactly as the two patterns of <see cref="UpstreamPathPatterns"/> do for such
/// a template, on ASCII input (the escaped client path is ASCII; anything else goes to the patterns): it matches the prefix
/// without its '/' (followed by nothing or a final line feed, as the pattern's '$' allows) or anything that starts with the
/// prefix, and the value is what follows the prefix up to the first '&amp;', or empty for the prefix without its '/'.
/// </summary>
internal sealed class PrefixPlaceholderTemplate
{
    private readonly string _prefix;
    private readonly string _name;
    private readonly StringComparison _matching;

    private PrefixPlaceholderTemplate(string prefix, string name, bool caseSensitive)
    {
        _prefix = prefix;
        _name = name;
        _matching = caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
    }

    /// <summary>
    /// The shortcut for a path template of this shape with an ASCII prefix, else null. <c>/{x}</c> has its own pattern (see
    /// <see cref="UpstreamPathPatterns.IsCatchAllRoot"/>) and no shortcut.
    /// </summary>
    public static PrefixPlaceholderTemplate? For(string template, TemplatePart[] parts, bool caseSensitive) =>
        parts is [{ IsPlaceholder: false } literal, { IsPlaceholder: true } placeholder]
        && !template.Contains('?', StringComparison.Ordinal)
        && literal.Text.Length > 1
        && literal.Text.EndsWith('/')
        && Ascii.IsValid(literal.Text)
            ? new PrefixPlaceholderTemplate(literal.Text, placeholder.Text, caseSensitive)
            : null;

    /// <summary>Whether <paramref name="path"/> matches; null when the path is not ASCII and the patterns must decide.</summary>
    public bool? IsMatch(string path)
    {
        if (!Ascii.IsValid(path))
        {
            return null;
        }

        var bare = _prefix.AsSpan(0, _prefix.Length - 1);
        return path.StartsWith(_prefix, _matching)
            || path.AsSpan().Equals(bare, _matching)
            || (path.Length == _prefix.Length && path[^1] == '\n' && path.AsSpan(0, bare.Length).Equals(bare, _matching));
    }

    /// <summary>Adds the value; false when the value pattern does not fit, null when the path is not ASCII.</summary>
    public bool? TryGetValue(string path, PlaceholderValues values)
    {
        if (!Ascii.IsValid(path))
        {
            return null;
        }

        // The value pattern ignores case even on a case-sensitive route, as in Ocelot.
        if (path.StartsWith(_prefix, StringComparison.OrdinalIgnoreCase))
        {
            var end = path.IndexOf('&', _prefix.Length);
            values.Add(_name, end < 0 ? path[_prefix.Length..] : path[_prefix.Length..end]);
            return true;
        }

        // The patterns retry with '/' appended: the prefix without its '/' gives an empty value.
        if (path.Length == _prefix.Length - 1 && _prefix.StartsWith(path, StringComparison.OrdinalIgnoreCase))
        {
            values.Add(_name, string.Empty);
            return true;
        }

        return false;
    }
}
