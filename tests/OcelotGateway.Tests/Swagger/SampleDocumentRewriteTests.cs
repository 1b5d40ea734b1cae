using OcelotGateway.Swagger.Rewriting;
using static OcelotGateway.Tests.Swagger.SwaggerFixtures;

namespace OcelotGateway.Tests.Swagger;

/// <summary>
/// The sample services' own documents, captured as Stock, Esg and Finance serve them (Microsoft.AspNetCore.OpenApi,
/// OpenAPI 3.1), under the routes of the sample files in <c>ocelot/</c>. Recapture them when the services' APIs change.
/// </summary>
public sealed class SampleDocumentRewriteTests
{
    [Theory]
    [InlineData("stock.sample.json", "stock", "stocks", "symbol")]
    [InlineData("esg.sample.json", "esg", "scores", "symbol")]
    [InlineData("finance.sample.json", "finance", "statements", "id")]
    public void Rewrite_SampleDocumentUnderSampleRoute_ExposesGatewayPathsWithEveryOperation(string fixture, string prefix, string resource, string id)
    {
        var original = Load(fixture);
        var schemas = Names(original["components"]!["schemas"]);
        var route = Route("/" + prefix + "/{everything}", "/api/" + resource + "/{everything}", ["Get", "Post", "Put", "Delete"]);

        var document = SwaggerDocumentRewriter.Rewrite(original, new([route], Gateway));

        Assert.Equal(["/" + prefix, "/" + prefix + "/{" + id + "}"], PathNames(document));
        Assert.Equal(["get", "post"], Operations(document, "/" + prefix));
        Assert.Equal(["get", "put", "delete"], Operations(document, "/" + prefix + "/{" + id + "}"));
        Assert.Equal(schemas, Names(document["components"]!["schemas"]));
        Assert.Equal(Gateway, (string)document["servers"]![0]!["url"]!);
        Assert.Equal("3.1.1", (string)document["openapi"]!);
    }

    [Fact]
    public void Rewrite_SampleDocumentReadOnlyRoute_DropsWriteOperationsAndTheirSchemas()
    {
        var route = Route("/stock/{everything}", "/api/stocks/{everything}", ["Get"]);

        var document = SwaggerDocumentRewriter.Rewrite(Load("stock.sample.json"), new([route], Gateway));

        Assert.Equal(["get"], Operations(document, "/stock"));
        Assert.Equal(["get"], Operations(document, "/stock/{symbol}"));
        Assert.DoesNotContain("CreateStockRequest", Names(document["components"]!["schemas"]));
        Assert.DoesNotContain("UpdateStockRequest", Names(document["components"]!["schemas"]));
        Assert.Contains("StockQuote", Names(document["components"]!["schemas"]));
    }
}
