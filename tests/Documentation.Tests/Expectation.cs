using System.Text.RegularExpressions;

namespace Documentation.Tests;

/// <summary>
/// A <c># -&gt; text</c> comment: the output of the block shows <c>text</c>, after whatever the previous comment matched.
/// Text is literal except <c>…</c>, which stands for any characters within one line (ids, keys, dates, counts).
/// </summary>
public sealed class Expectation
{
    public const string Marker = "# -> ";

    private const string AnyInLine = "…";

    private readonly Regex _pattern;

    public Expectation(string text, int line)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        Text = text;
        Line = line;
        _pattern = new Regex(
            string.Join("[^\\n]*?", text.Split(AnyInLine).Select(Regex.Escape)),
            RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));
    }

    public string Text { get; }

    /// <summary>Line in the Markdown file.</summary>
    public int Line { get; }

    /// <summary>Every expectation of a block's lines; a line may end with one after its command.</summary>
    public static IReadOnlyList<Expectation> Parse(IReadOnlyList<string> lines, int firstLine)
    {
        var expectations = new List<Expectation>();
        for (var i = 0; i < lines.Count; i++)
        {
            var at = lines[i].IndexOf(Marker, StringComparison.Ordinal);
            if (at >= 0 && lines[i][at..].TrimEnd() is { Length: > 5 } comment)
            {
                expectations.Add(new Expectation(comment[Marker.Length..].Trim(), firstLine + i));
            }
        }

        return expectations;
    }

    /// <summary>
    /// Checks every expectation in order against <paramref name="output"/>; returns null when all are met, else which one was
    /// not met after which position.
    /// </summary>
    public static string? Check(IReadOnlyList<Expectation> expectations, string output)
    {
        var position = 0;
        foreach (var expectation in expectations)
        {
            var match = expectation._pattern.Match(output, position);
            if (!match.Success)
            {
                return position == 0
                    ? $"line {expectation.Line}: the output does not show \"{expectation.Text}\""
                    : $"line {expectation.Line}: the output does not show \"{expectation.Text}\" after what the previous expectation matched";
            }

            position = match.Index + match.Length;
        }

        return null;
    }
}
