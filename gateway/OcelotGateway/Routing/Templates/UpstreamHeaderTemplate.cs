using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OcelotGateway.Routing.Templates;

/// <summary>
/// One entry of <c>UpstreamHeaderTemplates</c>: the whole header value must fit the template, each <c>{header:name}</c>
/// (prefix in any case) capturing one or more characters. Unlike Ocelot, which inserts the text around the placeholders
/// into the pattern raw, that text is matched literally: <c>1.0</c> does not match <c>1x0</c>.
/// </summary>
internal sealed class UpstreamHeaderTemplate
{
    private const string PlaceholderStart = "{header:";

    private readonly Regex _pattern;
    private readonly string[] _placeholderNames;
    private readonly int[] _groupNumbers;

    public UpstreamHeaderTemplate(string headerName, string template, bool caseSensitive)
    {
        HeaderName = headerName;
        var names = new List<string>();
        var pattern = new StringBuilder("^");
        var literalStart = 0;
        while (true)
        {
            var open = template.IndexOf(PlaceholderStart, literalStart, StringComparison.OrdinalIgnoreCase);
            var close = open < 0 ? -1 : template.IndexOf('}', open + PlaceholderStart.Length);
            if (close < 0)
            {
                pattern.Append(Regex.Escape(template[literalStart..]));
                break;
            }

            pattern.Append(Regex.Escape(template[literalStart..open]));
            var name = template[(open + PlaceholderStart.Length)..close];
            var index = names.IndexOf(name);
            if (index < 0)
            {
                index = names.Count;
                names.Add(name);
            }

            // Named by position so that any name works; a name used twice shares one group, as in Ocelot.
            pattern.Append("(?<p").Append(index.ToString(CultureInfo.InvariantCulture)).Append(">.+)");
            literalStart = close + 1;
        }

        _pattern = TemplateRegex.Create(pattern.Append('$').ToString(), ignoreCase: !caseSensitive);
        _placeholderNames = [.. names];
        _groupNumbers = new int[_placeholderNames.Length];
        for (var i = 0; i < _groupNumbers.Length; i++)
        {
            _groupNumbers[i] = _pattern.GroupNumberFromName("p" + i.ToString(CultureInfo.InvariantCulture));
        }
    }

    public string HeaderName { get; }

    public bool HasPlaceholders => _placeholderNames.Length > 0;

    public bool IsMatch(string headerValue) => _pattern.IsMatch(headerValue);

    /// <summary>Adds the captures of a value that <see cref="IsMatch"/> accepted; names already present keep their value.</summary>
    public void AddValues(string headerValue, PlaceholderValues values)
    {
        var match = _pattern.Match(headerValue);
        for (var i = 0; i < _placeholderNames.Length; i++)
        {
            values.AddIfAbsent(_placeholderNames[i], match.Groups[_groupNumbers[i]].Value);
        }
    }
}
