using System.Text.Json.Nodes;
using OcelotGateway.Swagger;
using OcelotGateway.Swagger.Rewriting;
using static OcelotGateway.Tests.Swagger.SwaggerFixtures;

namespace OcelotGateway.Tests.Swagger;

public sealed class SwaggerDocumentRewriterTests
{
    private static JsonObject Rewrite(string fixture, params SwaggerRoute[] routes) =>
        SwaggerDocumentRewriter.Rewrite(Load(fixture), new SwaggerRewriteSettings(routes, Gateway));

    [Fact]
    public void Rewrite_OpenApi30CatchAllRoute_MapsEveryPathUnderThePrefix()
    {
        var document = Rewrite("stock.openapi30.json", Route("/stock/{everything}", "/api/stocks/{everything}", ["Get", "Post", "Put"]));

        Assert.Equal(["/stock", "/stock/{symbol}"], PathNames(document));
        Assert.Equal(["get", "post"], Operations(document, "/stock"));
        Assert.Equal("symbol", (string)document["paths"]!["/stock/{symbol}"]!["get"]!["parameters"]![0]!["name"]!);
    }

    [Fact]
    public void Rewrite_MethodNotExposed_RemovesTheOperation()
    {
        var document = Rewrite("stock.openapi30.json", Route("/stock/{everything}", "/api/stocks/{everything}", ["Get", "Post", "Put"]));

        Assert.Equal(["get", "put"], Operations(document, "/stock/{symbol}"));
    }

    [Fact]
    public void Rewrite_PathNoRouteExposes_IsRemoved()
    {
        var document = Rewrite("stock.openapi30.json", Route("/stock/{everything}", "/api/stocks/{everything}"));

        Assert.DoesNotContain("/internal/reindex", PathNames(document));
        Assert.DoesNotContain(PathNames(document), p => p.StartsWith("/api/", StringComparison.Ordinal));
    }

    [Fact]
    public void Rewrite_UnreferencedSchemasAndTags_AreRemovedAndTransitiveOnesKept()
    {
        var document = Rewrite("stock.openapi30.json", Route("/stock/{everything}", "/api/stocks/{everything}"));

        Assert.Equal(
            ["Exchange", "HttpValidationProblemDetails", "ProblemDetails", "Stock", "StockInput", "StockPage"],
            Names(document["components"]!["schemas"]));
        Assert.Equal(["Stocks"], TagNames(document));
    }

    [Fact]
    public void Rewrite_RemoveUnusedComponentsOff_KeepsEverySchema()
    {
        var document = SwaggerDocumentRewriter.Rewrite(
            Load("stock.openapi30.json"),
            new SwaggerRewriteSettings([Route("/stock/{everything}", "/api/stocks/{everything}")], Gateway, RemoveUnusedComponents: false));

        Assert.Contains("ReindexRequest", Names(document["components"]!["schemas"]));
        Assert.Equal(["Stocks", "Maintenance"], TagNames(document));
    }

    [Fact]
    public void Rewrite_OpenApiServers_PointAtTheGateway()
    {
        var document = Rewrite("stock.openapi30.json", Route("/stock/{everything}", "/api/stocks/{everything}"));

        var server = Assert.Single(document["servers"]!.AsArray());
        Assert.Equal(Gateway, (string)server!["url"]!);
    }

    [Fact]
    public void Rewrite_RoutePlaceholderNamedDifferently_RenamesThePathParameter()
    {
        var document = Rewrite("stock.openapi30.json", Route("/quotes/{ticker}", "/api/stocks/{ticker}", ["Get"]));

        Assert.Equal(["/quotes/{ticker}"], PathNames(document));
        var parameter = document["paths"]!["/quotes/{ticker}"]!["get"]!["parameters"]![0]!;
        Assert.Equal("ticker", (string)parameter["name"]!);
        Assert.Equal("path", (string)parameter["in"]!);
    }

    [Fact]
    public void Rewrite_TwoRoutesToOnePath_CopyTheOperationUnderBothWithTheirOwnMethods()
    {
        var document = Rewrite(
            "stock.openapi30.json",
            Route("/post/stocks", "/api/stocks", ["Post"]),
            Route("/all/stocks", "/api/stocks"));

        Assert.Equal(["/all/stocks", "/post/stocks"], PathNames(document));
        Assert.Equal(["get", "post"], Operations(document, "/all/stocks"));
        Assert.Equal(["post"], Operations(document, "/post/stocks"));
    }

    [Fact]
    public void Rewrite_AuthenticatedRoute_AddsBearerSchemeAndRequirement()
    {
        var document = Rewrite("stock.openapi30.json", Route("/stock/{everything}", "/api/stocks/{everything}", ["Get"], scheme: "Bearer", scopes: ["stock.read"]));

        var requirement = document["paths"]!["/stock"]!["get"]!["security"]![0]!;
        Assert.Equal("stock.read", (string)requirement["Bearer"]![0]!);
        var scheme = document["components"]!["securitySchemes"]!["Bearer"]!;
        Assert.Equal("http", (string)scheme["type"]!);
        Assert.Equal("bearer", (string)scheme["scheme"]!);
    }

    [Fact]
    public void Rewrite_CaseDiffersBetweenRouteAndDocument_StillMatches()
    {
        // SwaggerForOcelot issue 65: literal segments compare ignoring case.
        var document = Rewrite("stock.openapi30.json", Route("/equities/{everything}", "/API/Stocks/{everything}", ["Get"]));

        Assert.Equal(["/equities", "/equities/{symbol}"], PathNames(document));
    }

    [Fact]
    public void Rewrite_VirtualDirectory_IsStrippedBeforeMatching()
    {
        var document = Rewrite("stock.openapi30.json", Route("/stock/{everything}", "/stock-svc/api/stocks/{everything}", ["Get"], virtualDirectory: "/stock-svc"));

        Assert.Equal(["/stock", "/stock/{symbol}"], PathNames(document));
    }

    [Fact]
    public void Rewrite_Swagger20_UsesBasePathAndRenamesReferencedParameters()
    {
        var document = Rewrite(
            "petstore.swagger20.json",
            Route("/pets", "/v2/pet", ["Post"]),
            Route("/pets/{id}", "/v2/pet/{id}", ["Get", "Delete"]),
            Route("/pets/{id}/image", "/v2/pet/{id}/uploadImage", ["Post"]));

        Assert.Equal(["/pets", "/pets/{id}", "/pets/{id}/image"], PathNames(document));
        Assert.Equal(["post"], Operations(document, "/pets"));
        Assert.Equal(["get", "delete"], Operations(document, "/pets/{id}"));

        // The shared #/parameters/PetId keeps its name for other users; the copies are inlined under the route's name.
        var pathLevel = document["paths"]!["/pets/{id}"]!["parameters"]![0]!;
        Assert.Equal("id", (string)pathLevel["name"]!);
        Assert.Equal("integer", (string)pathLevel["type"]!);
        var upload = document["paths"]!["/pets/{id}/image"]!["post"]!["parameters"]!.AsArray();
        Assert.Equal(["id", "file"], upload.Select(p => (string)p!["name"]!));
    }

    [Fact]
    public void Rewrite_Swagger20_PrunesDefinitionsParametersResponsesAndTags()
    {
        var document = Rewrite(
            "petstore.swagger20.json",
            Route("/pets", "/v2/pet", ["Post"]),
            Route("/pets/{id}", "/v2/pet/{id}", ["Get", "Delete"]));

        Assert.Equal(["Category", "Error", "Pet", "Tag"], Names(document["definitions"]));
        Assert.Empty(Names(document["parameters"]));
        Assert.Equal(["NotFound"], Names(document["responses"]));
        Assert.Equal(["pet"], TagNames(document));
    }

    [Fact]
    public void Rewrite_Swagger20_HostAndBasePathPointAtTheGateway()
    {
        var document = Rewrite("petstore.swagger20.json", Route("/pets/{everything}", "/v2/pet/{everything}"));

        Assert.Equal("gateway.example:8443", (string)document["host"]!);
        Assert.Equal("/", (string)document["basePath"]!);
        Assert.False(document.ContainsKey("schemes"));
        Assert.Equal("2.0", (string)document["swagger"]!);
    }

    [Fact]
    public void Rewrite_OpenApi31_MapsPathsUnderTheServerPath()
    {
        var document = Rewrite(
            "orders.openapi31.json",
            Route("/shop/orders/{everything}", "/orders-api/orders/{everything}", ["Get", "Post"]),
            Route("/shop/orders/{id}", "/orders-api/orders/{id}", ["Patch"], scheme: "Bearer", scopes: ["orders.write"]));

        Assert.Equal(
            ["/shop/orders", "/shop/orders/{id}", "/shop/orders/{orderId}", "/shop/orders/{orderId}/lines/{lineNo}"],
            PathNames(document));
        Assert.Equal(["get", "post"], Operations(document, "/shop/orders"));
        Assert.Equal(["get"], Operations(document, "/shop/orders/{orderId}"));
        Assert.Equal(["patch"], Operations(document, "/shop/orders/{id}"));
        Assert.Equal("3.1.0", (string)document["openapi"]!);

        // The renamed copy is inlined; the shared definition still serves the catch-all's copies under its own name.
        Assert.Equal("orderId", (string)document["components"]!["parameters"]!["OrderId"]!["name"]!);
        Assert.Equal("#/components/parameters/OrderId", (string)document["paths"]!["/shop/orders/{orderId}"]!["parameters"]![0]!["$ref"]!);
    }

    [Fact]
    public void Rewrite_OpenApi31_RenamesInlinedParameterAndLocksTheAuthenticatedOperation()
    {
        var document = Rewrite(
            "orders.openapi31.json",
            Route("/shop/orders/{id}", "/orders-api/orders/{id}", ["Patch"], scheme: "Bearer", scopes: ["orders.write"]));

        var item = document["paths"]!["/shop/orders/{id}"]!;
        Assert.Equal("id", (string)item["parameters"]![0]!["name"]!);
        Assert.Equal("uuid", (string)item["parameters"]![0]!["schema"]!["format"]!);
        Assert.Equal("orders.write", (string)item["patch"]!["security"]![0]!["Bearer"]![0]!);
        Assert.Equal(["Bearer", "internal"], Names(document["components"]!["securitySchemes"]));
        Assert.DoesNotContain("OrderId", Names(document["components"]!["parameters"]));
    }

    [Fact]
    public void Rewrite_OpenApi31_KeepsComponentsReachedThroughRefsOneOfMappingsAndWebhooks()
    {
        var document = Rewrite("orders.openapi31.json", Route("/shop/orders/{everything}", "/orders-api/orders/{everything}", ["Get", "Post"]));

        var components = document["components"]!;
        Assert.Equal(["Card", "Invoice", "Line", "NewOrder", "Order", "Payment", "ShippingNotice"], Names(components["schemas"]));
        Assert.Equal(["Cursor", "OrderId"], Names(components["parameters"]));
        Assert.Equal(["NewOrder"], Names(components["requestBodies"]));
        Assert.Equal(["OrderCreated"], Names(components["responses"]));
        Assert.Equal(["orders", "lines"], TagNames(document));
        Assert.Equal("string", (string)components["schemas"]!["Order"]!["properties"]!["note"]!["type"]![0]!);
    }

    [Fact]
    public void Rewrite_OpenApi31_DropsServersThatPointPastTheGateway()
    {
        var document = Rewrite("orders.openapi31.json", Route("/shop/{everything}", "/orders-api/{everything}"));

        Assert.Contains("/shop/admin/purge", PathNames(document));
        Assert.False(document["paths"]!["/shop/admin/purge"]!.AsObject().ContainsKey("servers"));
        Assert.Equal(Gateway, (string)document["servers"]![0]!["url"]!);
    }

    [Fact]
    public void Rewrite_TakeServersFromDownstreamService_KeepsServersAndIgnoresTheirPath()
    {
        var document = SwaggerDocumentRewriter.Rewrite(
            Load("orders.openapi31.json"),
            new SwaggerRewriteSettings([Route("/o/{everything}", "/orders/{everything}", ["Get"])], Gateway, TakeServersFromDownstreamService: true));

        Assert.Equal(["/o", "/o/{orderId}", "/o/{orderId}/lines/{lineNo}"], PathNames(document));
        Assert.Equal("https://orders.internal/orders-api", (string)document["servers"]![0]!["url"]!);
    }

    [Fact]
    public void Rewrite_NoRoutes_LeavesNoPaths()
    {
        var document = Rewrite("stock.openapi30.json");

        Assert.Empty(PathNames(document));
        Assert.Empty(Names(document["components"]!["schemas"]));
    }

    [Fact]
    public void Rewrite_NotAnOpenApiDocument_Throws()
    {
        Assert.Throws<SwaggerDocumentException>(() =>
            SwaggerDocumentRewriter.Rewrite(new JsonObject { ["paths"] = new JsonObject() }, new SwaggerRewriteSettings([], Gateway)));
    }

    [Fact]
    public void Rewrite_VersionPlaceholder_IsReplacedBeforeMatching()
    {
        var route = Route("/api/{version}/equities/{everything}", "/api/stocks/{everything}", ["Get"]).WithVersion("{version}", "v1");

        var document = Rewrite("stock.openapi30.json", route);

        Assert.Equal(["/api/v1/equities", "/api/v1/equities/{symbol}"], PathNames(document));
    }
}
