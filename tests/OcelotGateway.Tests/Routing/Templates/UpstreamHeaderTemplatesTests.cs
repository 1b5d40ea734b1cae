using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using OcelotGateway.Routing.Templates;

namespace OcelotGateway.Tests.Routing.Templates;

public sealed class UpstreamHeaderTemplatesTests
{
    [Fact]
    public void FixedValue_MatchesOnlyThatValue()
    {
        var templates = Templates(("country_code", "PL"));

        Assert.True(templates.TryMatch(Headers(("country_code", "PL")), new PlaceholderValues()));
        Assert.False(templates.TryMatch(Headers(("country_code", "DE")), new PlaceholderValues()));
    }

    [Fact]
    public void HeaderSentTwice_ValuesAreJoinedWithCommas_SoAFixedValueNoLongerMatches()
    {
        var headers = new HeaderDictionary { ["country_code"] = new StringValues(["PL", "othervalue"]) };

        Assert.False(Templates(("country_code", "PL")).TryMatch(headers, new PlaceholderValues()));
        Assert.True(Templates(("country_code", "PL,othervalue")).TryMatch(headers, new PlaceholderValues()));
    }

    [Fact]
    public void MissingHeader_DoesNotMatch()
    {
        Assert.False(Templates(("country_code", "PL")).TryMatch(new HeaderDictionary(), new PlaceholderValues()));
    }

    [Fact]
    public void EveryListedHeader_IsRequired()
    {
        var templates = Templates(("country", "uk"), ("version", "v1"));

        Assert.True(templates.TryMatch(Headers(("country", "uk"), ("version", "v1")), new PlaceholderValues()));
        Assert.False(templates.TryMatch(Headers(("country", "uk")), new PlaceholderValues()));
    }

    [Fact]
    public void HeaderName_IsFoundIgnoringCase()
    {
        Assert.True(Templates(("country_code", "PL")).TryMatch(Headers(("COUNTRY_CODE", "PL")), new PlaceholderValues()));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void ValueCase_IsIgnoredUnlessTheRouteIsCaseSensitive(bool caseSensitive, bool expected)
    {
        var templates = new UpstreamHeaderTemplates(new Dictionary<string, string> { ["country_code"] = "PL" }, caseSensitive);

        Assert.Equal(expected, templates.TryMatch(Headers(("country_code", "pl")), new PlaceholderValues()));
    }

    [Theory]
    [InlineData("xPL")]
    [InlineData("PLx")]
    public void WholeValue_MustMatch(string value)
    {
        Assert.False(Templates(("country_code", "PL")).TryMatch(Headers(("country_code", value)), new PlaceholderValues()));
    }

    [Fact]
    public void TemplateText_IsMatchedLiterally_NotAsARegularExpression()
    {
        // Ocelot inserts the text raw into its pattern, so there "1.0" also matches "1x0" and "a|b" means "a" or "b".
        Assert.False(Templates(("version", "1.0")).TryMatch(Headers(("version", "1x0")), new PlaceholderValues()));
        Assert.True(Templates(("version", "1.0")).TryMatch(Headers(("version", "1.0")), new PlaceholderValues()));
        Assert.False(Templates(("country", "PL|DE")).TryMatch(Headers(("country", "PL")), new PlaceholderValues()));
    }

    [Fact]
    public void Placeholder_CapturesTheWholeValue_AsAPlaceholderNamedWithoutThePrefix()
    {
        var values = new PlaceholderValues();

        Assert.True(Templates(("Region", "{header:code}")).TryMatch(Headers(("Region", "uk")), values));
        Assert.Equal([new KeyValuePair<string, string>("code", "uk")], values);
    }

    [Fact]
    public void Placeholders_AmongText_EachCaptureItsPart()
    {
        var values = new PlaceholderValues();
        var templates = Templates(("X-Info", "version-{header:version}_country-{HEADER:country}"));

        Assert.True(templates.TryMatch(Headers(("X-Info", "version-2_country-uk")), values));
        Assert.True(values.TryGetValue("version", out var version));
        Assert.True(values.TryGetValue("country", out var country));
        Assert.Equal(("2", "uk"), (version, country));
    }

    [Fact]
    public void Placeholder_NeedsAtLeastOneCharacter()
    {
        Assert.False(Templates(("Region", "{header:code}")).TryMatch(Headers(("Region", "")), new PlaceholderValues()));
    }

    [Fact]
    public void NoMatch_AddsNoValues()
    {
        var values = new PlaceholderValues();
        var templates = Templates(("Region", "{header:code}"), ("country", "uk"));

        Assert.False(templates.TryMatch(Headers(("Region", "eu"), ("country", "pl")), values));
        Assert.Empty(values);
    }

    [Fact]
    public void NameAlreadyGivenByThePath_KeepsThePathValue_AsInOcelot()
    {
        var values = new PlaceholderValues();
        values.Add("code", "from-path");

        Assert.True(Templates(("Region", "{header:code}")).TryMatch(Headers(("Region", "uk")), values));
        Assert.Equal([new KeyValuePair<string, string>("code", "from-path")], values);
    }

    [Fact]
    public void Empty_MatchesAnyRequest()
    {
        Assert.True(UpstreamHeaderTemplates.Empty.IsEmpty);
        Assert.True(UpstreamHeaderTemplates.Empty.TryMatch(new HeaderDictionary(), new PlaceholderValues()));
        Assert.False(Templates(("a", "b")).IsEmpty);
    }

    private static UpstreamHeaderTemplates Templates(params (string Header, string Template)[] templates) =>
        new(templates.ToDictionary(t => t.Header, t => t.Template), caseSensitive: false);

    private static HeaderDictionary Headers(params (string Name, string Value)[] headers)
    {
        var result = new HeaderDictionary();
        foreach (var (name, value) in headers)
        {
            result[name] = value;
        }

        return result;
    }
}
