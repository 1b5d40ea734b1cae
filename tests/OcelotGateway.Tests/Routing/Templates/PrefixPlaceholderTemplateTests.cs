using CsCheck;
using OcelotGateway.Routing.Templates;
using OcelotGateway.Testing;

namespace OcelotGateway.Tests.Routing.Templates;

/// <summary>
/// The regex-free shortcut for <c>/prefix/{rest}</c> templates answers as Ocelot's two patterns do, over generated prefixes,
/// case settings and paths (case variants of the prefix, cut prefixes, '&amp;', line feeds, non-ASCII look-alikes such as
/// the Kelvin sign that case-insensitive regexes equate with 'k').
/// </summary>
public sealed class PrefixPlaceholderTemplateTests
{
    private static readonly Gen<string> Prefix = Gen.OneOf("api", "k", "Stock", "s", "v1", "Ii", "a.b", "x-y_z~")
        .Array[1, 3].Select(segments => "/" + string.Join('/', segments) + "/");

    private static readonly Gen<string> Tail = Gen.OneOf("", "json", "a/b", "&x=1", "a&b", "\n", "/", "%2F", "K", "\u212A", "é", "ſ", "?q")
        .Array[0, 3].Select(string.Concat);

    [Fact]
    public void PrefixTemplate_AnyPath_MatchesAndReadsAsTheRegexPatterns()
    {
        var cases = Gen.Select(Prefix, Gen.Bool, Gen.Int[0, 4], Tail, Gen.Bool);
        GeneratedCases.Check(cases, 20_000, c =>
        {
            var (prefix, caseSensitive, shape, tail, flipCase) = c;
            var template = prefix + "{rest}";
            var parts = TemplatePart.Split(template);
            Assert.NotNull(PrefixPlaceholderTemplate.For(template, parts, caseSensitive));

            var start = flipCase ? FlipCase(prefix) : prefix;
            var path = shape switch
            {
                0 => start + tail,
                1 => start[..^1] + tail,
                2 => start[..^1],
                3 => start[..Math.Max(1, start.Length / 2)] + tail,
                _ => "/" + tail,
            };

            var matcher = TemplateRegex.Create(UpstreamPathPatterns.Matching(template, -1), ignoreCase: !caseSensitive, backtrackingIsLinear: true);
            var capturer = TemplateRegex.Create(UpstreamPathPatterns.Capturing(parts, ["rest"]), ignoreCase: true, backtrackingIsLinear: true);
            var match = capturer.Match(path);
            if (!match.Success)
            {
                match = capturer.Match(path + "/");
            }

            var upstream = UpstreamPathTemplate.Parse(template, caseSensitive);
            Assert.Equal(matcher.IsMatch(path), upstream.IsMatch(path, null));
            var values = new PlaceholderValues(1);
            Assert.Equal(match.Success, upstream.TryGetPlaceholderValues(path, null, values));
            Assert.Equal(match.Success ? [new KeyValuePair<string, string>("rest", match.Groups["p0"].Value)] : [], values.ToArray());
        });
    }

    [Theory]
    [InlineData("/api/{a}/{b}")]
    [InlineData("/api/{a}?x={b}")]
    [InlineData("/api/x{a}")]
    [InlineData("/{a}")]
    [InlineData("/é/{a}")]
    public void OtherShapes_GetNoShortcut(string template) =>
        Assert.Null(PrefixPlaceholderTemplate.For(template, TemplatePart.Split(template), caseSensitive: false));

    private static string FlipCase(string text) =>
        string.Concat(text.Select(ch => char.IsUpper(ch) ? char.ToLowerInvariant(ch) : char.ToUpperInvariant(ch)));
}
