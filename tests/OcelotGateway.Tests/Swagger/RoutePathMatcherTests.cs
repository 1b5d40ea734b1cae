using OcelotGateway.Swagger.Rewriting;
using static OcelotGateway.Tests.Swagger.SwaggerFixtures;

namespace OcelotGateway.Tests.Swagger;

public sealed class RoutePathMatcherTests
{
    [Theory]
    [InlineData("/api/projects/{everything}", "/api/{everything}", "/api/Projects/{id}", "/api/projects/Projects/{id}")]
    [InlineData("/masterdata/{everything}", "/api/masterdata/{everything}", "/api/MasterData/{code}", "/masterdata/{code}")]
    [InlineData("/stock/{everything}", "/api/stocks/{everything}", "/api/stocks", "/stock")]
    [InlineData("/{everything}", "/{everything}", "/api/stocks/{symbol}", "/api/stocks/{symbol}")]
    [InlineData("/t/{tenant}/items", "/api/{tenant}/items", "/api/acme/items", "/t/acme/items")]
    [InlineData("/reports/{year}-{month}", "/api/reports/{year}-{month}", "/api/reports/2024-05", "/reports/2024-05")]
    [InlineData("/reports/{year}-{month}", "/api/reports/{year}-{month}", "/api/reports/{year}-{month}", "/reports/{year}-{month}")]
    [InlineData("/stock/{everything}?q={q}", "/api/stocks/{everything}?query={q}", "/api/stocks/{symbol}", "/stock/{symbol}")]
    public void Map_MatchingPath_GivesTheUpstreamPath(string upstream, string downstream, string documentPath, string expected)
    {
        var mapping = new RoutePathMatcher(Route(upstream, downstream)).Map(documentPath);

        Assert.Equal(expected, mapping?.UpstreamPath);
    }

    [Theory]
    [InlineData("/stock/{everything}", "/api/stocks/{everything}", "/api/stocksx/1")]
    [InlineData("/stock", "/api/stocks", "/api/stocks/{symbol}")]
    [InlineData("/stock/special", "/api/stocks/special", "/api/stocks/{symbol}")]
    [InlineData("/stock/{id}/quote", "/api/stocks/{id}/quote", "/api/stocks/{symbol}")]
    public void Map_PathTheRouteDoesNotExpose_GivesNull(string upstream, string downstream, string documentPath)
    {
        Assert.Null(new RoutePathMatcher(Route(upstream, downstream)).Map(documentPath));
    }

    [Fact]
    public void Map_ParameterUnderRoutePlaceholder_RenamesItAsTheRouteNamesIt()
    {
        var mapping = new RoutePathMatcher(Route("/stock/{ticker}/quote", "/api/stocks/{ticker}/quote")).Map("/api/stocks/{symbol}/quote");

        Assert.Equal("/stock/{ticker}/quote", mapping!.UpstreamPath);
        Assert.Equal("ticker", mapping.Renames["symbol"]);
    }

    [Fact]
    public void Map_UpstreamOnlyPlaceholder_IsAddedAsPathParameter()
    {
        var mapping = new RoutePathMatcher(Route("/{tenant}/stock/{everything}", "/api/stocks/{everything}")).Map("/api/stocks/{symbol}");

        Assert.Equal("/{tenant}/stock/{symbol}", mapping!.UpstreamPath);
        Assert.Equal(["tenant"], mapping.AddedParameters);
    }
}
