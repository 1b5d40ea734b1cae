using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Configuration.Loading;
using OcelotGateway.Discovery;
using OcelotGateway.Resilience;
using OcelotGateway.Swagger;

namespace OcelotGateway.Tests.Swagger;

public sealed class SwaggerCatalogTests
{
    private const string Json = """
        {
          "Routes": [
            { "UpstreamPathTemplate": "/stock/{everything}", "UpstreamHttpMethod": [ "Get" ], "DownstreamPathTemplate": "/api/stocks/{everything}",
              "DownstreamScheme": "https", "DownstreamHostAndPorts": [ { "Host": "stock", "Port": 443 } ], "SwaggerKey": "stock",
              "AuthenticationOptions": { "AuthenticationProviderKey": "Bearer", "AllowedScopes": [ "stock.read" ] } },
            { "UpstreamPathTemplate": "/api/{version}/esg/{everything}", "DownstreamPathTemplate": "/api/{version}/scores/{everything}",
              "DownstreamHostAndPorts": [ { "Host": "esg", "Port": 80 } ], "SwaggerKey": "esg", "VirtualDirectory": "/esg-svc/" },
            { "UpstreamPathTemplate": "/health", "DownstreamPathTemplate": "/health", "DownstreamHostAndPorts": [ { "Host": "h", "Port": 80 } ] }
          ],
          "SwaggerEndPoints": [
            { "Key": "stock", "Config": [ { "Name": "Stock", "Version": "v1", "Service": { "Name": "stock" } } ] },
            { "Key": "esg", "TransformByOcelotConfig": false, "RemoveUnusedComponentsFromScheme": false, "Config": [
                { "Name": "Esg", "Version": "v1", "Url": "esg.internal/openapi/v1.json" },
                { "Name": "Esg", "Version": "v2", "Url": "http://esg.internal/openapi/v2.json" } ] }
          ]
        }
        """;

    private static SwaggerCatalog Catalog(string json = Json) =>
        SwaggerCatalog.From(Compiler().Compile(new RouteFileLoader().LoadJson(json, "ocelot.json"), 7));

    private static ConfigurationCompiler Compiler() =>
        new(new CircuitBreakerRegistry(TimeProvider.System, NullLogger<CircuitBreakerRegistry>.Instance), new RetryRegistry(TimeProvider.System));

    [Fact]
    public void From_EndPoints_ListsOneDocumentPerConfigEntryInFileOrder()
    {
        var catalog = Catalog();

        Assert.Equal(["Stock - v1", "Esg - v1", "Esg - v2"], catalog.Documents.Select(d => d.Label));
        Assert.Equal(["docs/v1/stock", "docs/v1/esg", "docs/v2/esg"], catalog.Documents.Select(d => d.RelativeUrl));
        Assert.Equal(7, catalog.Generation);
    }

    [Fact]
    public void From_Routes_AreAttachedByTheirSwaggerKeyWithMethodsAndSecurity()
    {
        var stock = Catalog().Find("v1", "stock")!;

        var route = Assert.Single(stock.Routes);
        Assert.Equal("/stock/{everything}", route.UpstreamPathTemplate);
        Assert.True(route.Exposes("GET"));
        Assert.False(route.Exposes("DELETE"));
        Assert.Equal("Bearer", route.SecurityScheme);
        Assert.Equal(["stock.read"], route.Scopes);
        Assert.Equal("https", stock.ServiceScheme);
    }

    [Fact]
    public void From_VersionPlaceholder_IsExpandedPerDocumentVersion()
    {
        var catalog = Catalog();

        Assert.Equal("/api/v1/esg/{everything}", Assert.Single(catalog.Find("v1", "esg")!.Routes).UpstreamPathTemplate);
        Assert.Equal("/api/v2/scores/{everything}", Assert.Single(catalog.Find("v2", "esg")!.Routes).DownstreamPathTemplate);
        Assert.Equal("/esg-svc", catalog.Find("v2", "esg")!.Routes[0].VirtualDirectory);
    }

    [Fact]
    public void From_EndPointOptions_UseSwaggerForOcelotDefaults()
    {
        var catalog = Catalog();
        var stock = catalog.Find("v1", "stock")!;
        var esg = catalog.Find("v1", "esg")!;

        Assert.True(stock.Transform);
        Assert.True(stock.RemoveUnusedComponents);
        Assert.False(esg.Transform);
        Assert.False(esg.RemoveUnusedComponents);
        Assert.Equal(new Uri("https://esg.internal/openapi/v1.json"), esg.Url);
        Assert.Equal("/swagger/v1/swagger.json", stock.ServicePath);
    }

    [Fact]
    public void Find_UnknownKeyOrVersion_IsNull()
    {
        var catalog = Catalog();

        Assert.Null(catalog.Find("v1", "finance"));
        Assert.Null(catalog.Find("v3", "esg"));
    }

    [Fact]
    public void Locate_ServiceDocument_UsesFirstKnownInstanceAndRouteScheme()
    {
        var services = new ServiceInstanceCache();
        var fetcher = new SwaggerDocumentFetcher(null!, services, null!, NullLogger<SwaggerDocumentFetcher>.Instance);
        var stock = Catalog().Find("v1", "stock")!;

        var before = fetcher.Locate(stock);
        services.Set("stock", [new ServiceInstance("a", "10.0.0.5", 8443), new ServiceInstance("b", "10.0.0.6", 8443)]);

        Assert.Null(before);
        Assert.Equal(new Uri("https://10.0.0.5:8443/swagger/v1/swagger.json"), fetcher.Locate(stock));
    }

    [Fact]
    public void Locate_ServiceWithoutRouteScheme_ChoosesByPort()
    {
        var services = new ServiceInstanceCache();
        services.Set("orders", [new ServiceInstance("a", "orders-1", 443)]);
        var fetcher = new SwaggerDocumentFetcher(null!, services, null!, NullLogger<SwaggerDocumentFetcher>.Instance);
        var catalog = Catalog("""
            { "Routes": [], "SwaggerEndPoints": [ { "Key": "orders", "Config": [ { "Name": "Orders", "Version": "1.0", "Service": { "Name": "orders", "Path": "openapi.json" } } ] } ] }
            """);

        Assert.Equal(new Uri("https://orders-1/openapi.json"), fetcher.Locate(catalog.Find("1.0", "orders")!));
    }
}
