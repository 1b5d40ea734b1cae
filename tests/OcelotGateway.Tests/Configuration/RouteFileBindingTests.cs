using OcelotGateway.Configuration.Loading;

namespace OcelotGateway.Tests.Configuration;

/// <summary>Binding with Microsoft.Extensions.Configuration semantics, as Ocelot does, with its silent cases reported.</summary>
public sealed class RouteFileBindingTests
{
    private static LoadedConfiguration Load(string json) => new RouteFileLoader().LoadJson(json, "ocelot.json");

    [Fact]
    public void LoadJson_CommentsAndTrailingCommas_AreAccepted()
    {
        var loaded = Load("""
            // The orders service.
            {
              "Routes": [
                {
                  /* catch-all */
                  "UpstreamPathTemplate": "/orders/{everything}",
                  "DownstreamPathTemplate": "/{everything}",
                },
              ],
            }
            """);

        Assert.Equal("/orders/{everything}", Assert.Single(loaded.Configuration.Routes).UpstreamPathTemplate);
        ProblemAssert.None(loaded.Problems);
    }

    [Fact]
    public void LoadJson_KeysInAnyCase_Bind()
    {
        var loaded = Load("""
            {
              "routes": [ { "upstreampathtemplate": "/a", "DOWNSTREAMHOSTANDPORTS": [ { "host": "svc", "PORT": 81 } ] } ],
              "globalConfiguration": { "requestIdKey": "X-Id" }
            }
            """);

        var route = Assert.Single(loaded.Configuration.Routes);
        Assert.Equal(("/a", "svc", 81), (route.UpstreamPathTemplate, route.DownstreamHostAndPorts[0].Host, route.DownstreamHostAndPorts[0].Port));
        Assert.Equal("X-Id", loaded.Configuration.GlobalConfiguration.RequestIdKey);
        ProblemAssert.None(loaded.Problems);
    }

    [Fact]
    public void LoadJson_NumbersAndBooleansWrittenAsStrings_AreConverted()
    {
        var loaded = Load("""
            { "Routes": [ { "UpstreamPathTemplate": "/a", "RouteIsCaseSensitive": "true", "Priority": "3", "DownstreamHostAndPorts": [ { "Host": "svc", "Port": "8080" } ] } ] }
            """);

        var route = Assert.Single(loaded.Configuration.Routes);
        Assert.Equal((true, 3, 8080), (route.RouteIsCaseSensitive, route.Priority, route.DownstreamHostAndPorts[0].Port));
        ProblemAssert.None(loaded.Problems);
    }

    [Fact]
    public void LoadJson_MethodGivenAsSingleValue_BindsAsAnyMethodWithWarning()
    {
        var loaded = Load("""{ "Routes": [ { "UpstreamPathTemplate": "/a", "UpstreamHttpMethod": "Get" } ] }""");

        Assert.Empty(Assert.Single(loaded.Configuration.Routes).UpstreamHttpMethod);
        ProblemAssert.HasWarning(loaded.Problems, "Routes[0] (/a)", "UpstreamHttpMethod", "read as an empty list, write [\"Get\"] instead");
    }

    [Fact]
    public void LoadJson_LegacyReRoutes_AreUsedWithWarning()
    {
        var loaded = Load("""{ "ReRoutes": [ { "UpstreamPathTemplate": "/a" }, { "UpstreamPathTemplate": "/b" } ] }""");

        Assert.Empty(loaded.Configuration.Routes);
        Assert.Equal(["/a", "/b"], loaded.Configuration.ReRoutes.Select(r => r.UpstreamPathTemplate));
        Assert.Equal(2, loaded.RouteOrigins.Count);
        ProblemAssert.HasWarning(loaded.Problems, null, "ReRoutes", "legacy key (Ocelot 15 and older)");
    }

    [Fact]
    public void LoadJson_UnconvertiblePortInHostList_NamesRouteAndKeyAndKeepsTheHost()
    {
        var loaded = Load("""
            { "Routes": [ { "UpstreamPathTemplate": "/orders/{id}", "DownstreamHostAndPorts": [ { "Host": "orders", "Port": "eighty" } ] } ] }
            """);

        ProblemAssert.HasError(loaded.Problems, "Routes[0] (/orders/{id})", "DownstreamHostAndPorts[0].Port", "'eighty' is not a whole number");

        // Ocelot's binder drops the whole host entry without a word; here it stays, so later rules do not report it missing.
        Assert.Equal("orders", Assert.Single(Assert.Single(loaded.Configuration.Routes).DownstreamHostAndPorts).Host);
    }

    [Fact]
    public void LoadJson_AddForwardedHeadersNotABoolean_IsReportedOnRouteAndGlobal()
    {
        var loaded = Load("""
            { "Routes": [ { "UpstreamPathTemplate": "/a", "AddForwardedHeaders": "always" } ], "GlobalConfiguration": { "AddForwardedHeaders": 1 } }
            """);

        ProblemAssert.HasError(loaded.Problems, "Routes[0] (/a)", "AddForwardedHeaders", "'always' is not true or false");
        ProblemAssert.HasError(loaded.Problems, "GlobalConfiguration", "AddForwardedHeaders", "is not true or false");
    }

    [Fact]
    public void LoadJson_SeveralUnconvertibleValues_AreAllReported()
    {
        var loaded = Load("""
            { "Routes": [ { "UpstreamPathTemplate": "/a", "Priority": "high", "RouteIsCaseSensitive": "yes" }, { "UpstreamPathTemplate": "/b", "Timeout": 1.5 } ] }
            """);

        ProblemAssert.HasError(loaded.Problems, "Routes[0] (/a)", "Priority", "'high' is not a whole number");
        ProblemAssert.HasError(loaded.Problems, "Routes[0] (/a)", "RouteIsCaseSensitive", "'yes' is not true or false");
        ProblemAssert.HasError(loaded.Problems, "Routes[1] (/b)", "Timeout", "'1.5' is not a whole number");
        Assert.Equal(2, loaded.Configuration.Routes.Count);
    }

    [Fact]
    public void LoadJson_UnconvertibleGlobalValue_IsLocatedInGlobalConfiguration()
    {
        var loaded = Load("""{ "GlobalConfiguration": { "ServiceDiscoveryProvider": { "Port": "consul" } } }""");

        ProblemAssert.HasError(loaded.Problems, "GlobalConfiguration", "ServiceDiscoveryProvider.Port", "'consul' is not a whole number");
    }

    [Fact]
    public void LoadJson_UnknownKeys_AreWarnedWithSuggestion()
    {
        var loaded = Load("""
            {
              "Routes": [ {
                "UpstreamPathTemplate": "/a",
                "DownstreamPathTempate": "/b",
                "LoadBalancerOptions": { "Typ": "RoundRobin" },
                "Metadata": { "anything-goes": "here" }
              } ],
              "Rotues": []
            }
            """);

        ProblemAssert.HasWarning(loaded.Problems, "Routes[0] (/a)", "DownstreamPathTempate", "unknown key; ignored (did you mean DownstreamPathTemplate?)");
        ProblemAssert.HasWarning(loaded.Problems, "Routes[0] (/a)", "LoadBalancerOptions.Typ", "did you mean Type?");
        ProblemAssert.HasWarning(loaded.Problems, null, "Rotues", "unknown top-level key; ignored (did you mean Routes?)");
        Assert.Equal(3, loaded.Problems.Count);
    }

    [Fact]
    public void LoadJson_SwaggerForOcelotKeys_AreKnown()
    {
        var loaded = Load("""
            {
              "Routes": [ { "UpstreamPathTemplate": "/a", "SwaggerKey": "orders", "VirtualDirectory": "/svc", "ParametersMap": { "id": "orderId" } } ],
              "SwaggerEndPoints": [ { "Key": "orders", "TransformByOcelotConfig": true, "Config": [ { "Name": "Orders", "Version": "v1", "Service": { "Name": "orders", "Path": "/swagger.json" } } ] } ],
              "GlobalConfiguration": { "MetadataOptions": { "Separators": [ "," ] } }
            }
            """);

        ProblemAssert.None(loaded.Problems);
        Assert.Equal("orders", Assert.Single(loaded.Configuration.SwaggerEndPoints).Config[0].Service!.Name);
    }

    [Fact]
    public void LoadJson_KeyRepeatedInAnotherCase_IsError()
    {
        var loaded = Load("""{ "Routes": [ { "UpstreamPathTemplate": "/a", "upstreamPathTemplate": "/b" } ] }""");

        ProblemAssert.HasError(loaded.Problems, null, "Routes[0].upstreamPathTemplate", "duplicate key; keys are case-insensitive");
    }

    [Fact]
    public void LoadJson_SyntaxError_NamesSourceAndLine()
    {
        var loaded = new RouteFileLoader().LoadJson("{\n  \"Routes\": [\n    { \"UpstreamPathTemplate\": \"/a\", }\n    { }\n  ]\n}", "consul:InternalConfiguration");

        var problem = Assert.Single(loaded.Problems);
        Assert.Equal(("consul:InternalConfiguration", true), (problem.File, problem.IsError));
        Assert.StartsWith("line 4, position ", problem.Key, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadJson_RouteGivenAsSingleValue_IsError()
    {
        var loaded = Load("""{ "Routes": [ "/orders", { "UpstreamPathTemplate": "/stock" } ] }""");

        ProblemAssert.HasError(loaded.Problems, "Routes[0]", "(file)", "expected an object ({ ... }), found a single value");
        Assert.Equal([new ConfigurationOrigin("ocelot.json", 1)], loaded.RouteOrigins);
    }

    [Fact]
    public void LoadJson_TopLevelArray_IsError()
    {
        var loaded = Load("""[ { "UpstreamPathTemplate": "/a" } ]""");

        ProblemAssert.HasError(loaded.Problems, null, "(file)", "must hold one JSON object");
        Assert.Empty(loaded.Configuration.Routes);
    }
}
