using CsCheck;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using OcelotGateway.Routing.Paths;
using OcelotGateway.Routing.Templates;
using OcelotGateway.Testing;

namespace OcelotGateway.Tests.Routing.Paths;

/// <summary>
/// The path invariant, over generated requests and templates: what is sent downstream starts with the literal prefix of the
/// downstream template, holds no dot segment the template did not have, and means what the client's path meant.
/// </summary>
public sealed class DownstreamPathSafetyTests
{
    private static readonly Gen<string> Value = Gen.OneOf<string>(
        ClientPaths.RelativePath,
        Gen.String[Gen.Char.AlphaNumeric, 0, 6],
        Gen.String,
        Gen.OneOf("..", ".", "%2e%2e", "a/../..", "a\\..", "..;x", "%2F..%2F", "1&role=admin", "x?y=1", "x#y", "a+b", "{id}"));

    [Fact]
    public void CatchAllRoute_AnyRawPath_StaysUnderThePrefix_AndMeansWhatTheClientMeant()
    {
        var upstream = UpstreamPathTemplate.Parse("/stock/{everything}", caseSensitive: false);
        var downstream = DownstreamPathTemplate.Parse("/api/stocks/{everything}");

        GeneratedCases.Check(ClientPaths.RelativePath, 5000, relative =>
        {
            var raw = "/stock/" + relative;
            Assert.True(RawPathDecoder.TryDecode(raw, out var kestrelPath, out _));
            var clientPath = ClientPath.Escape(kestrelPath, raw);
            if (!upstream.IsMatch(clientPath, null))
            {
                // Kestrel resolved a ".." out of /stock: another route's business.
                Assert.False(kestrelPath.StartsWith("/stock/", StringComparison.OrdinalIgnoreCase));
                return;
            }

            var values = new PlaceholderValues();
            Assert.True(upstream.TryGetPlaceholderValues(clientPath, null, values));
            var candidate = "/api/stocks/" + values[0].Value;
            if (!downstream.TryBuild(values, kestrelPath, null, out var target))
            {
                Assert.True(ClientPaths.HasDotSegment(candidate), "refused without a dot segment: " + candidate);
                return;
            }

            var sent = new PathString(target.Path).ToUriComponent();
            Assert.True(sent == "/api/stocks" || sent.StartsWith("/api/stocks/", StringComparison.Ordinal), sent);
            Assert.False(ClientPaths.HasDotSegment(sent), sent);
            if (!clientPath.Contains('&', StringComparison.Ordinal))
            {
                // As in Ocelot, the last value ends at a '&' (checked in UpstreamPathTemplateTests); otherwise nothing is lost.
                Assert.Equal(ClientPaths.Meaning(raw).Skip(1), ClientPaths.Meaning(sent).Skip(2));
            }
        });
    }

    [Fact]
    public void AnyTemplate_AnyValues_PathKeepsItsLiteralPrefix_NoDotSegmentFromValues_QueryKeepsItsParameters()
    {
        var templates = Gen.OneOf(
            "/api/stocks/{a}",
            "/api/{a}/items",
            "/api/{a}-{b}/x/{c}",
            "/{a}",
            "/v1/{a}.{b}",
            "/api/{a}?id={b}",
            "/api/items?id={a}&role=user",
            "/t/{a}/{b}?x={c}&y={a}");
        var cases = Gen.Select(templates, Value.Array[3], Gen.OneOf("/u", "/u/"));

        GeneratedCases.Check(cases, 5000, c =>
        {
            var (templateText, valueTexts, upstreamPath) = c;
            var template = DownstreamPathTemplate.Parse(templateText);
            var values = new PlaceholderValues();
            foreach (var (name, value) in template.PlaceholderNames.Zip(valueTexts))
            {
                values.Add(name, value);
            }

            var prefix = templateText[..templateText.IndexOf('{', StringComparison.Ordinal)].Split('?')[0];
            if (!template.TryBuild(values, upstreamPath, null, out var target))
            {
                var pathTemplate = templateText.Split('?')[0];
                var naive = template.PlaceholderNames.Zip(valueTexts).Aggregate(
                    pathTemplate, (text, pair) => text.Replace("{" + pair.First + "}", pair.Second.Replace("?", "%3F").Replace("#", "%23"), StringComparison.Ordinal));
                Assert.True(ClientPaths.HasDotSegment(naive), "refused without a dot segment: " + naive);
                return;
            }

            var sent = new PathString(target.Path).ToUriComponent();
            Assert.True(sent.StartsWith(prefix, StringComparison.Ordinal) || sent == prefix.TrimEnd('/'), sent);
            Assert.False(ClientPaths.HasDotSegment(sent), sent);
            var templateQuery = templateText.Contains('?', StringComparison.Ordinal) ? templateText[templateText.IndexOf('?', StringComparison.Ordinal)..] : "";
            Assert.Equal(
                QueryHelpers.ParseQuery(templateQuery).Keys.Order(),
                QueryHelpers.ParseQuery(target.QueryString).Keys.Order());
        });
    }

    [Theory]
    [InlineData("1&role=admin", "?id=1%26role=admin&role=user")]
    [InlineData("1?role=admin", "?id=1%3Frole=admin&role=user")]
    [InlineData("1#x", "?id=1%23x&role=user")]
    [InlineData("a+b", "?id=a%2Bb&role=user")]
    public void ValueInTheQuery_CannotAddParameters(string value, string expected)
    {
        var values = new PlaceholderValues();
        values.Add("a", value);

        Assert.True(DownstreamPathTemplate.Parse("/api/items?id={a}&role=user").TryBuild(values, "/u", null, out var target));

        Assert.Equal(expected, target.QueryString);
    }

    [Fact]
    public void ValueInThePath_WithAQuestionMark_StaysInThePath()
    {
        var values = new PlaceholderValues();
        values.Add("tenant", "acme?admin=1");

        Assert.True(DownstreamPathTemplate.Parse("/tenants/{tenant}/data").TryBuild(values, "/u", null, out var target));

        Assert.Equal(new DownstreamTarget("/tenants/acme%3Fadmin=1/data", ""), target);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../admin")]
    [InlineData("%2e%2e")]
    [InlineData("..;")]
    public void ClaimOrHeaderValue_MakingADotSegment_IsRefused(string value)
    {
        var values = new PlaceholderValues();
        values.Add("tenant", value);

        Assert.False(DownstreamPathTemplate.Parse("/tenants/{tenant}/data").TryBuild(values, "/u", null, out _));
    }
}
