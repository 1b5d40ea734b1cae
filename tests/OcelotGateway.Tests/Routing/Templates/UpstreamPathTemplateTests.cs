using OcelotGateway.Routing.Paths;
using OcelotGateway.Routing.Templates;

namespace OcelotGateway.Tests.Routing.Templates;

public sealed class UpstreamPathTemplateTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/test/toot")]
    [InlineData("/a/b/c?d")]
    public void CatchAllRoot_MatchesEveryPath(string path)
    {
        var template = UpstreamPathTemplate.Parse("/{url}", caseSensitive: false);

        Assert.True(template.IsCatchAllRoot);
        Assert.True(template.IsMatch(path, "?x=1"));
    }

    [Theory]
    [InlineData("/", "")]
    [InlineData("/test/toot", "test/toot")]
    public void CatchAllRoot_ValueIsThePathAfterTheFirstSlash(string path, string expected)
    {
        Assert.Equal([("url", expected)], Values("/{url}", path));
    }

    [Theory]
    [InlineData("/{x}/a")]
    [InlineData("/a/{x}")]
    [InlineData("/{x}?{q}")]
    [InlineData("/")]
    public void IsCatchAllRoot_OnlyForATemplateThatIsExactlyOnePlaceholder(string template)
    {
        Assert.False(UpstreamPathTemplate.Parse(template, caseSensitive: false).IsCatchAllRoot);
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/test", false)]
    [InlineData("//", false)]
    public void RootTemplate_MatchesOnlyTheRoot(string path, bool expected)
    {
        Assert.Equal(expected, Matches("/", path));
    }

    [Theory]
    [InlineData("/products/", "/products", true)]
    [InlineData("/products/", "/products/", true)]
    [InlineData("/products", "/products", true)]
    [InlineData("/products", "/products/", false)]
    public void TrailingSlash_IsOptionalOnlyWhenTheTemplateHasOne(string template, string path, bool expected)
    {
        Assert.Equal(expected, Matches(template, path));
    }

    [Fact]
    public void LastPlaceholder_MayBeEmpty()
    {
        Assert.Equal([("productId", "")], Values("/products/{productId}", "/products/"));
    }

    [Theory]
    [InlineData("/api/v1/cards", true)]
    [InlineData("/api/v1/aaaaaaaaa/cards", false)]
    [InlineData("/api/v/cards", false)]
    public void PlaceholderFollowedBySlash_IsExactlyOneNonEmptySegment(string path, bool expected)
    {
        Assert.Equal(expected, Matches("/api/v{apiVersion}/cards", path));
    }

    [Fact]
    public void PlaceholderInsideASegment_KeepsTheLiteralAroundIt()
    {
        Assert.Equal([("apiVersion", "1")], Values("/api/v{apiVersion}/cards", "/api/v1/cards"));
    }

    [Fact]
    public void LastPlaceholder_TakesTheRestOfThePath_SlashesIncluded()
    {
        Assert.Equal([("url", "swagger/lib/backbone-min.js")], Values("/platform/{url}", "/platform/swagger/lib/backbone-min.js"));
    }

    [Theory]
    [InlineData("/upstream/test", true)]
    [InlineData("/upstream/test/", true)]
    [InlineData("/upstream/test/a/b", true)]
    [InlineData("/upstream/test123", false)]
    [InlineData("/upstream", false)]
    public void TrailingCatchAllSegment_MayBeAbsentAltogether(string path, bool expected)
    {
        Assert.Equal(expected, Matches("/upstream/test/{everything}", path));
    }

    [Theory]
    [InlineData("/upstream/test", "")]
    [InlineData("/upstream/test/", "")]
    [InlineData("/upstream/test/a/b", "a/b")]
    public void TrailingCatchAllSegment_AbsentOrEmpty_GivesAnEmptyValue(string path, string expected)
    {
        Assert.Equal([("everything", expected)], Values("/upstream/test/{everything}", path));
    }

    [Fact]
    public void TrailingCatchAllSegment_AbsentAfterOtherPlaceholders_TheyKeepTheirValues()
    {
        Assert.Equal([("tenant", "t1"), ("id", "")], Values("/{tenant}/products/{id}", "/t1/products"));
    }

    [Theory]
    [InlineData("/files/report.json", true)]
    [InlineData("/files/a/b.json", true)]
    [InlineData("/files", true)]
    [InlineData("/files/report.xml", false)]
    public void TrailingSegmentStartingWithACatchAll_IsOptional_AsInOcelot(string path, bool expected)
    {
        Assert.Equal(expected, Matches("/files/{name}.json", path));
    }

    [Theory]
    [InlineData("/products/1", true)]
    [InlineData("/PRODUCTS/1", false)]
    [InlineData("/Products/1", false)]
    public void Case_IsIgnoredUnlessTheRouteIsCaseSensitive(string path, bool matchesCaseSensitiveRoute)
    {
        var ignoringCase = UpstreamPathTemplate.Parse("/products/{productId}", caseSensitive: false);
        var caseSensitive = UpstreamPathTemplate.Parse("/products/{productId}", caseSensitive: true);

        Assert.True(ignoringCase.IsMatch(path, null));
        Assert.Equal(matchesCaseSensitiveRoute, caseSensitive.IsMatch(path, null));
    }

    [Theory]
    [InlineData("/api/v1.0/items", true)]
    [InlineData("/api/v1x0/items", false)]
    public void LiteralText_IsMatchedLiterally_NotAsARegularExpression(string path, bool expected)
    {
        // Ocelot inserts template text into its pattern raw, so there "." matches any character.
        Assert.Equal(expected, Matches("/api/v1.0/{rest}", path));
    }

    [Fact]
    public void LiteralText_WithRegexCharacters_MatchesItself()
    {
        Assert.True(Matches("/api/debug()", "/api/debug()"));
        Assert.False(Matches("/api/debug()", "/api/debug"));
    }

    [Fact]
    public void DecodedPath_ValueKeepsTheEscapesOfTheUrl()
    {
        // Ocelot reads values from Request.Path.ToString(): "debug()" needs no escape, a space does.
        Assert.Equal([("path", "debug()")], Values("/api/{path}", "/api/debug()"));
        Assert.Equal([("path", "a%20b")], Values("/api/{path}", "/api/a b"));
        Assert.Equal([("path", "100%25")], Values("/api/{path}", "/api/100%"));
    }

    [Fact]
    public void LastValue_StopsAtAnAmpersand_AsInOcelot()
    {
        Assert.Equal([("path", "a")], Values("/api/{path}", "/api/a&b"));
    }

    [Fact]
    public void AmpersandInAnEarlierSegment_MatchesButValuesCannotBeRead_AsInOcelot()
    {
        var template = UpstreamPathTemplate.Parse("/api/{a}/{b}", caseSensitive: false);

        Assert.True(template.IsMatch("/api/x&y/z", null));
        Assert.False(template.TryGetPlaceholderValues("/api/x&y/z", null, new PlaceholderValues()));
    }

    [Theory]
    [InlineData("/products", "")]
    [InlineData("/products", "?x=1")]
    [InlineData("/products/", "")]
    [InlineData("/products/", "?x=1")]
    public void QueryPart_SeparatorAcceptsAnEndSlashOrQuestionMark(string path, string query)
    {
        Assert.True(UpstreamPathTemplate.Parse("/products?{q}", caseSensitive: false).IsMatch(path, query));
    }

    [Theory]
    [InlineData("/products/x", "")]
    [InlineData("/productsx", "")]
    [InlineData("/products?x", "")]
    public void QueryPart_DoesNotLetThePathContinue(string path, string query)
    {
        // "/products?x" is a decoded %3F: it belongs to the path, not to the query.
        Assert.False(UpstreamPathTemplate.Parse("/products?{q}", caseSensitive: false).IsMatch(ClientPath.Escape(path, rawTarget: null), query));
    }

    [Fact]
    public void SlashQuestionMark_InTheTemplate_IsTheSameSeparator()
    {
        var template = UpstreamPathTemplate.Parse("/products/?{q}", caseSensitive: false);

        Assert.True(template.IsMatch("/products", "?x=1"));
        Assert.True(template.IsMatch("/products/", "?x=1"));
        Assert.False(template.IsMatch("/products/x", null));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("?test=1", false)]
    [InlineData("?unitId=2", true)]
    [InlineData("?unitId=2&test=1", true)]
    [InlineData("?test=1&unitId=2", false)]
    public void QueryParameterInTheTemplate_MustStartTheQuery(string query, bool expected)
    {
        var template = UpstreamPathTemplate.Parse("/api/subscriptions/{subscriptionId}/updates?unitId={unitId}", caseSensitive: false);

        Assert.True(template.HasQuery);
        Assert.Equal(expected, template.IsMatch("/api/subscriptions/1/updates", query));
    }

    [Fact]
    public void QueryParameterInTheTemplate_ValuesComeFromPathAndQuery()
    {
        Assert.Equal(
            [("subscriptionId", "1"), ("unitId", "2")],
            Values("/api/subscriptions/{subscriptionId}/updates?unitId={unitId}", "/api/subscriptions/1/updates", "?unitId=2&test=1"));
    }

    [Fact]
    public void PlaceholdersAroundLiteralsAndInTheQuery_AreAllRead()
    {
        const string Template = "/api/products_{category}/{subcategory}_details/{itemId}?filter={filter}";

        Assert.Equal(
            [("category", "electronics"), ("subcategory", "computers"), ("itemId", "123"), ("filter", "active")],
            Values(Template, "/api/products_electronics/computers_details/123", "?filter=active"));
    }

    [Fact]
    public void QueryTemplate_DoesNotTakeAPathWithMoreSegments_TheSegmentTemplateDoes()
    {
        var queryTemplate = UpstreamPathTemplate.Parse("/{tenantId}/products?{everything}", caseSensitive: false);

        Assert.False(queryTemplate.IsMatch("/1/products/1", null));
        Assert.Equal([("tenantId", "1"), ("everything", "1")], Values("/{tenantId}/products/{everything}", "/1/products/1"));
    }

    [Theory]
    [InlineData("/contracts", "")]
    [InlineData("/contracts", "?p1=v1&p2=v2")]
    public void PrefixThenQueryPlaceholder_ValueIsAlwaysEmpty(string path, string query)
    {
        Assert.Equal([("everything", "")], Values("/contracts?{everything}", path, query));
    }

    [Fact]
    public void ValuesNotReadable_AlthoughTheTemplateMatched_ReturnsFalseAndAddsNothing()
    {
        // The match accepts "/?" before the query; Ocelot's value pattern wants "?" right after the segment.
        var template = UpstreamPathTemplate.Parse("/a/{b}?x={c}", caseSensitive: false);
        var values = new PlaceholderValues();

        Assert.True(template.IsMatch("/a/1/", "?x=2"));
        Assert.False(template.TryGetPlaceholderValues("/a/1/", "?x=2", values));
        Assert.Empty(values);
    }

    [Fact]
    public void TemplateWithoutPlaceholders_HasNoValues()
    {
        var template = UpstreamPathTemplate.Parse("/goods/delete", caseSensitive: false);
        var values = new PlaceholderValues();

        Assert.True(template.TryGetPlaceholderValues("/goods/delete", null, values));
        Assert.Empty(values);
        Assert.Empty(template.PlaceholderNames);
        Assert.False(template.HasQuery);
    }

    [Fact]
    public void PlaceholderNames_AreListedWithoutBraces_InOrder()
    {
        var template = UpstreamPathTemplate.Parse("/api/{version}/items/{id}?sort={sort}", caseSensitive: false);

        Assert.Equal(["version", "id", "sort"], template.PlaceholderNames);
        Assert.Equal("/api/{version}/items/{id}?sort={sort}", template.Template);
    }

    [Fact]
    public void GoodsRoutes_BothMatchTheSpecificPath_SoPriorityDecides()
    {
        Assert.True(Matches("/goods/{url}", "/goods/delete"));
        Assert.True(Matches("/goods/delete", "/goods/delete"));
    }

    [Fact]
    public async Task ManyPlaceholdersInOneSegment_CraftedLongPath_IsAnsweredQuickly()
    {
        // A backtracking engine needs minutes for this one.
        var template = UpstreamPathTemplate.Parse("/x/{a}-{b}-{c}-{d}/z", caseSensitive: false);
        var path = "/x/" + new string('-', 5000) + "/y";

        var check = Task.Run(() => template.IsMatch(path, null));
        var first = await Task.WhenAny(check, Task.Delay(TimeSpan.FromSeconds(10)));

        Assert.Same(check, first);
        Assert.False(await check);
    }

    [Theory]
    [InlineData("/stock/{everything}", "/stock")]
    [InlineData("/api/v{version}/cards", "/api")]
    [InlineData("/{tenant}/products", "")]
    [InlineData("/products/", "/products")]
    [InlineData("/products", "/products")]
    [InlineData("/", "")]
    [InlineData("/{url}", "")]
    [InlineData("/a/b/c", "/a/b/c")]
    [InlineData("/users?userId={userId}", "/users")]
    [InlineData("/products/?{q}", "/products")]
    [InlineData("/api/my%20docs/{x}", "/api")]
    [InlineData("/api/caf\u00e9/{x}", "/api")]
    [InlineData("/api/a*b/{x}", "/api")]
    public void LiteralPrefix_IsTheLeadingPlainSegments(string template, string expected)
    {
        Assert.Equal(expected, UpstreamPathTemplate.Parse(template, caseSensitive: false).LiteralPrefix);
    }

    [Theory]
    [InlineData("/stock/{everything}", "/STOCK")]
    [InlineData("/stock/{everything}", "/stock/a/b")]
    [InlineData("/products/", "/products/")]
    [InlineData("/products?{q}", "/products/")]
    [InlineData("/api/v{version}/cards", "/api/v2/cards")]
    [InlineData("/files/{name}.json", "/files")]
    public void LiteralPrefix_EveryMatchedPathStartsWithIt_SegmentBySegment(string templateText, string path)
    {
        var template = UpstreamPathTemplate.Parse(templateText, caseSensitive: false);
        var prefix = template.LiteralPrefix;

        Assert.True(template.IsMatch(path, "?q=1"));
        Assert.StartsWith(prefix, path, StringComparison.OrdinalIgnoreCase);
        Assert.True(path.Length == prefix.Length || path[prefix.Length] == '/');
    }

    // Paths are written as Kestrel decodes them; templates match the client path escaped again.
    private static bool Matches(string template, string path) =>
        UpstreamPathTemplate.Parse(template, caseSensitive: false).IsMatch(ClientPath.Escape(path, rawTarget: null), null);

    private static (string Name, string Value)[] Values(string template, string decodedPath, string? query = null)
    {
        var path = ClientPath.Escape(decodedPath, rawTarget: null);
        var parsed = UpstreamPathTemplate.Parse(template, caseSensitive: false);
        Assert.True(parsed.IsMatch(path, query));

        var values = new PlaceholderValues();
        Assert.True(parsed.TryGetPlaceholderValues(path, query, values));
        return values.Select(v => (v.Key, v.Value)).ToArray();
    }
}
