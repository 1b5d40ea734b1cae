using OcelotGateway.Routing.Templates;

namespace OcelotGateway.Tests.Routing.Templates;

public sealed class DownstreamPathTemplateTests
{
    [Theory]
    [InlineData("/upstream/test", "/downstream/test")]
    [InlineData("/upstream/test/", "/downstream/test/")]
    public void TrailingSlashFromAnEmptyValue_IsKeptOnlyWhenTheRequestHadOne(string upstreamPath, string expected)
    {
        var target = Build("/downstream/test/{everything}", upstreamPath, null, ("everything", ""));

        Assert.Equal(new DownstreamTarget(expected, ""), target);
    }

    [Theory]
    [InlineData("/products/", "/x", "/products")]
    [InlineData("/products/", "/x/", "/products/")]
    [InlineData("/", "/x", "/")]
    public void TrailingSlashOfTheTemplate_IsDroppedWhenTheRequestHasNone(string template, string upstreamPath, string expected)
    {
        Assert.Equal(expected, Build(template, upstreamPath, null).Path);
    }

    [Theory]
    [InlineData("/", "", "/")]
    [InlineData("/test/toot", "test/toot", "/test/toot")]
    public void CatchAllToCatchAll_ForwardsThePathUnchanged(string upstreamPath, string value, string expected)
    {
        Assert.Equal(expected, Build("/{url}", upstreamPath, null, ("url", value)).Path);
    }

    [Fact]
    public void EmptyValue_WithTheRequestsTrailingSlash_KeepsIt()
    {
        Assert.Equal("/products/", Build("/products/{productId}", "/products/", null, ("productId", "")).Path);
    }

    [Fact]
    public void CatchAllValue_WithSlashes_IsInsertedAsIs()
    {
        var target = Build("/api/{url}", "/platform/swagger/lib/backbone-min.js", null, ("url", "swagger/lib/backbone-min.js"));

        Assert.Equal("/api/swagger/lib/backbone-min.js", target.Path);
    }

    [Fact]
    public void DecodedCharacters_AreSentAsTheValueHoldsThem()
    {
        Assert.Equal("/routed/api/debug()", Build("/routed/api/{path}", "/api/debug()", null, ("path", "debug()")).Path);
        Assert.Equal("/routed/api/a%20b", Build("/routed/api/{path}", "/api/a b", null, ("path", "a%20b")).Path);
    }

    [Fact]
    public void PlaceholdersAroundLiterals_AndAQueryPlaceholder_BuildThePath_AndTheUsedParameterIsDropped()
    {
        var target = Build(
            "/api/products/{category}-{subcategory}/{filter}",
            "/api/products_electronics/computers_details/123",
            "?filter=active",
            ("category", "electronics"), ("subcategory", "computers"), ("itemId", "123"), ("filter", "active"));

        Assert.Equal(new DownstreamTarget("/api/products/electronics-computers/active", ""), target);
    }

    [Fact]
    public void SegmentPlaceholders_NoQuery_GiveAnEmptyQuery()
    {
        var target = Build("/{tenantId}/products/{everything}", "/1/products/1", null, ("tenantId", "1"), ("everything", "1"));

        Assert.Equal(new DownstreamTarget("/1/products/1", ""), target);
    }

    [Fact]
    public void HeaderValue_FillsThePath()
    {
        Assert.Equal("/api.internal-uk/products", Build("/api.internal-{code}/products", "/products", null, ("code", "uk")).Path);
    }

    [Fact]
    public void MissingValue_LeavesThePlaceholderInThePath()
    {
        Assert.Equal("/tenants/{tenant}/data", Build("/tenants/{tenant}/data", "/secure", null).Path);
    }

    [Fact]
    public void PlaceholderNames_AreListedWithoutBraces_InOrder()
    {
        var template = DownstreamPathTemplate.Parse("/api/{version}/items/{id}?sort={sort}");

        Assert.Equal(["version", "id", "sort"], template.PlaceholderNames);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("?", "")]
    [InlineData("?a=1+2&a=3&A=4&flag", "?a=1+2&a=3&A=4&flag")]
    public void NoPlaceholders_TheRequestQueryIsForwardedAsItCame(string query, string expected)
    {
        Assert.Equal(new DownstreamTarget("/d", expected), Build("/d", "/u", query));
    }

    [Fact]
    public void Placeholders_QueryIsKept_EmptyValuesIncluded()
    {
        var target = Build("/downstream/test/{everything}", "/upstream/test", "?p1=v1&p2=v2&something-else=", ("everything", ""));

        Assert.Equal(new DownstreamTarget("/downstream/test", "?p1=v1&p2=v2&something-else="), target);
    }

    [Theory]
    [InlineData("?$filter=Name%20eq%20'Sam'", "?$filter=Name%20eq%20%27Sam%27")]
    [InlineData("?a=1+2", "?a=1%202")]
    [InlineData("?flag&x=", "?flag=&x=")]
    [InlineData("?a=1&b=2&A=3", "?a=1&a=3&b=2")]
    public void Placeholders_QueryIsReEncoded_AsOcelotDoes(string query, string expected)
    {
        var target = Build("/{everything}", "/odata/customers", query, ("everything", "odata/customers"));

        Assert.Equal(new DownstreamTarget("/odata/customers", expected), target);
    }

    [Theory]
    [InlineData("?id=5&x=1", "?x=1")]
    [InlineData("?ID=5&x=1", "?x=1")]
    [InlineData("?x=1&id=5&id=6", "?x=1")]
    public void NoQueryInTheTemplate_ParametersNamedLikeAPlaceholderAreDropped_IgnoringCase(string query, string expected)
    {
        Assert.Equal(expected, Build("/items/{id}", "/items/5", query, ("id", "5")).QueryString);
    }

    [Fact]
    public void QueryInTheTemplate_NoRequestQuery_IsSentAsWritten()
    {
        var target = Build(
            "/api/subscriptions/{subscriptionId}/updates?unitId={unitId}",
            "/api/units/1/2/updates",
            null,
            ("subscriptionId", "1"), ("unitId", "2"));

        Assert.Equal(new DownstreamTarget("/api/subscriptions/1/updates", "?unitId=2"), target);
    }

    [Fact]
    public void QueryInTheTemplate_NoRequestQuery_CharactersNotAllowedInAQueryAreEncoded()
    {
        Assert.Equal("?name=x%20y%23z", Build("/d?name={n}", "/u", null, ("n", "x y#z")).QueryString);
    }

    [Theory]
    [InlineData("userId", "?personId=webley")]
    [InlineData("uid", "?personId=webley&userId=webley")]
    public void QueryInTheTemplate_RequestParameterIsDroppedOnlyWhenNamedLikeAPlaceholder(string placeholder, string expected)
    {
        var target = Build($"/persons?personId={{{placeholder}}}", "/users", "?userId=webley", (placeholder, "webley"));

        Assert.Equal(new DownstreamTarget("/persons", expected), target);
    }

    [Fact]
    public void QueryInTheTemplate_TemplateParametersComeFirst_RepeatedOnesAreJoinedWithCommas()
    {
        var target = Build("/d?k={id}&s=1", "/u/7", "?z=1&z=2&k=9&s=2&flag&ID=3", ("id", "7"));

        Assert.Equal("?k=7&s=1&z=1,2&ID=3", target.QueryString);
    }

    [Theory]
    [InlineData("?ID=2", "?k=7&ID=2")]
    [InlineData("?id=1&ID=2", "?k=7")]
    [InlineData("?ID=2&id=1", "?k=7&ID=2,1")]
    public void QueryInTheTemplate_PlaceholderNamedParameter_IsDroppedCaseSensitively_AfterGroupingUnderTheFirstSpelling(
        string query, string expected)
    {
        Assert.Equal(expected, Build("/d?k={id}", "/u/7", query, ("id", "7")).QueryString);
    }

    [Theory]
    [InlineData("", "/apipath/contracts", "")]
    [InlineData("?p1=v1&p2=v2", "/apipath/contracts", "?p1=v1&p2=v2")]
    [InlineData("?filter=(-something+123+else)", "/apipath/contracts", "?filter=(-something%20123%20else)")]
    public void EmptyQueryPlaceholder_ForwardsTheRequestQueryReEncoded(string query, string path, string expected)
    {
        var target = Build("/apipath/contracts?{everything}", "/contracts", query, ("everything", ""));

        Assert.Equal(new DownstreamTarget(path, expected), target);
    }

    [Fact]
    public void SamePlaceholderValues_CanBuildManyTimes()
    {
        var template = DownstreamPathTemplate.Parse("/a/{x}");
        var values = Values(("x", "1"));

        Assert.True(template.TryBuild(values, "/u", null, out var first));
        Assert.True(template.TryBuild(values, "/u", null, out var second));
        Assert.Equal(first, second);
    }

    private static DownstreamTarget Build(
        string template, string upstreamPath, string? query, params (string Name, string Value)[] values)
    {
        Assert.True(DownstreamPathTemplate.Parse(template).TryBuild(Values(values), upstreamPath, query, out var target));
        return target;
    }

    private static PlaceholderValues Values(params (string Name, string Value)[] values)
    {
        var result = new PlaceholderValues();
        foreach (var (name, value) in values)
        {
            result.Add(name, value);
        }

        return result;
    }
}
