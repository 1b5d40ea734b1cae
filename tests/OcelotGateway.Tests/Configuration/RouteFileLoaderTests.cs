using OcelotGateway.Configuration.Loading;

namespace OcelotGateway.Tests.Configuration;

/// <summary>Folder loading: Ocelot's fragment merge, the environment overlay and the files we deliberately skip.</summary>
public sealed class RouteFileLoaderTests
{
    private static string RouteFile(params string[] upstreamTemplates) =>
        "{ \"Routes\": [ " + string.Join(", ", upstreamTemplates.Select(t =>
            $$"""{ "UpstreamPathTemplate": "{{t}}", "DownstreamPathTemplate": "/", "DownstreamHostAndPorts": [ { "Host": "svc", "Port": 80 } ] }""")) + " ] }";

    [Fact]
    public async Task Load_FolderWithFragments_AppendsRoutesInFileNameOrderWithOrigins()
    {
        using var folder = new TempRouteFolder()
            .With("ocelot.b.json", RouteFile("/b"))
            .With("ocelot.A.json", RouteFile("/a1", "/a2"))
            .With("ocelot.global.json", """{ "GlobalConfiguration": { "RequestIdKey": "X-Request-Id" }, "Routes": [ { "UpstreamPathTemplate": "/g" } ] }""");

        var loaded = await folder.LoadAsync();

        Assert.Equal(["/a1", "/a2", "/b", "/g"], loaded.Configuration.Routes.Select(r => r.UpstreamPathTemplate));
        Assert.Equal(
            [new("ocelot.A.json", 0), new("ocelot.A.json", 1), new("ocelot.b.json", 0), new ConfigurationOrigin("ocelot.global.json", 0)],
            loaded.RouteOrigins);
        Assert.Equal("X-Request-Id", loaded.Configuration.GlobalConfiguration.RequestIdKey);
        Assert.Equal("ocelot.global.json", loaded.GlobalConfigurationFile);
        ProblemAssert.None(loaded.Problems);
    }

    [Fact]
    public async Task Load_GlobalConfigurationInOrdinaryFragment_IsIgnoredWithWarning()
    {
        using var folder = new TempRouteFolder()
            .With("ocelot.global.json", """{ "GlobalConfiguration": { "RequestIdKey": "X-Request-Id" } }""")
            .With("ocelot.orders.json", """{ "GlobalConfiguration": { "RequestIdKey": "Wrong", "Timeout": 5 } }""");

        var loaded = await folder.LoadAsync();

        Assert.Equal("X-Request-Id", loaded.Configuration.GlobalConfiguration.RequestIdKey);
        Assert.Null(loaded.Configuration.GlobalConfiguration.Timeout);
        ProblemAssert.HasWarning(loaded.Problems, null, "GlobalConfiguration", "only ocelot.global.json may carry GlobalConfiguration", file: "ocelot.orders.json");
    }

    [Fact]
    public async Task Load_FolderWithFragments_IgnoresStaleOcelotJson()
    {
        using var folder = new TempRouteFolder()
            .With("ocelot.json", RouteFile("/stale"))
            .With("ocelot.orders.json", RouteFile("/orders"));

        var loaded = await folder.LoadAsync();

        Assert.Equal(["/orders"], loaded.Configuration.Routes.Select(r => r.UpstreamPathTemplate));
        ProblemAssert.HasWarning(loaded.Problems, null, "(file)", "ignored: ocelot.*.json fragments are present");
        Assert.DoesNotContain(loaded.Files, f => Path.GetFileName(f) == "ocelot.json");
    }

    [Fact]
    public async Task Load_FolderWithoutFragments_UsesOcelotJson()
    {
        using var folder = new TempRouteFolder().With("ocelot.json", RouteFile("/a", "/b"));

        var loaded = await folder.LoadAsync();

        Assert.Equal(["/a", "/b"], loaded.Configuration.Routes.Select(r => r.UpstreamPathTemplate));
        Assert.Equal([new("ocelot.json", 0), new ConfigurationOrigin("ocelot.json", 1)], loaded.RouteOrigins);
        ProblemAssert.None(loaded.Problems);
    }

    [Fact]
    public async Task Load_EnvironmentFile_OverlaysMergedJsonByIndex()
    {
        using var folder = new TempRouteFolder()
            .With("ocelot.global.json", """{ "GlobalConfiguration": { "RequestIdKey": "X-Request-Id", "Timeout": 30 } }""")
            .With("ocelot.orders.json", RouteFile("/orders", "/stock"))
            .With("ocelot.Staging.json", """
                {
                  "routes": [ {}, { "downstreamHostAndPorts": [ { "port": 9090 } ] }, { "UpstreamPathTemplate": "/extra" } ],
                  "GlobalConfiguration": { "Timeout": 5 }
                }
                """);

        var loaded = await folder.LoadAsync("Staging");

        var routes = loaded.Configuration.Routes;
        Assert.Equal(["/orders", "/stock", "/extra"], routes.Select(r => r.UpstreamPathTemplate));
        Assert.Equal(80, routes[0].DownstreamHostAndPorts[0].Port);
        Assert.Equal(("svc", 9090), (routes[1].DownstreamHostAndPorts[0].Host, routes[1].DownstreamHostAndPorts[0].Port));
        Assert.Equal(new ConfigurationOrigin("ocelot.orders.json", 1), loaded.RouteOrigins[1]);
        Assert.Equal(new ConfigurationOrigin("ocelot.Staging.json", 2), loaded.RouteOrigins[2]);
        Assert.Equal(("X-Request-Id", 5), (loaded.Configuration.GlobalConfiguration.RequestIdKey, loaded.Configuration.GlobalConfiguration.Timeout));
    }

    [Fact]
    public async Task Load_EnvironmentFileOverOcelotJson_OverlaysIt()
    {
        using var folder = new TempRouteFolder()
            .With("ocelot.json", RouteFile("/a"))
            .With("ocelot.Production.json", """{ "Routes": [ { "DownstreamScheme": "https" } ] }""");

        var loaded = await folder.LoadAsync("Production");

        Assert.Equal(("/a", "https"), (loaded.Configuration.Routes[0].UpstreamPathTemplate, loaded.Configuration.Routes[0].DownstreamScheme));
        ProblemAssert.None(loaded.Problems);
    }

    [Fact]
    public async Task Load_OtherEnvironmentsFile_IsSkippedWithWarning()
    {
        using var folder = new TempRouteFolder()
            .With("ocelot.orders.json", RouteFile("/orders"))
            .With("ocelot.Development.json", RouteFile("/debug-only"));

        var loaded = await folder.LoadAsync("Production");

        Assert.Equal(["/orders"], loaded.Configuration.Routes.Select(r => r.UpstreamPathTemplate));
        ProblemAssert.HasWarning(loaded.Problems, null, "(file)", "skipped: it is another environment's file and the environment is Production", file: "ocelot.Development.json");
    }

    [Fact]
    public async Task Load_SwaggerEndPointsFragment_IsMerged()
    {
        using var folder = new TempRouteFolder()
            .With("ocelot.orders.json", RouteFile("/orders"))
            .With("ocelot.SwaggerEndPoints.json", """{ "SwaggerEndPoints": [ { "Key": "orders", "Config": [ { "Name": "Orders", "Version": "v1", "Url": "http://orders/swagger.json" } ] } ] }""");

        var loaded = await folder.LoadAsync();

        Assert.Equal("orders", Assert.Single(loaded.Configuration.SwaggerEndPoints).Key);
        Assert.Equal(new ConfigurationOrigin("ocelot.SwaggerEndPoints.json", 0), Assert.Single(loaded.SwaggerEndPointOrigins));
    }

    [Fact]
    public async Task Load_SyntaxErrorInOneFragment_NamesFileAndLineAndStillLoadsTheOthers()
    {
        using var folder = new TempRouteFolder()
            .With("ocelot.broken.json", "{\n  \"Routes\": [\n    { \"UpstreamPathTemplate\": \"/x\" \"DownstreamPathTemplate\": \"/\" }\n  ]\n}")
            .With("ocelot.orders.json", """{ "Routes": [ { "UpstreamPathTemplate": "/orders", "Colour": "blue" } ] }""");

        var loaded = await folder.LoadAsync();

        var syntax = Assert.Single(loaded.Problems, p => p.File == "ocelot.broken.json");
        Assert.True(syntax.IsError);
        Assert.StartsWith("line 3, position ", syntax.Key, StringComparison.Ordinal);
        Assert.StartsWith("invalid JSON", syntax.Message, StringComparison.Ordinal);
        Assert.Equal(["/orders"], loaded.Configuration.Routes.Select(r => r.UpstreamPathTemplate));
        ProblemAssert.HasWarning(loaded.Problems, "Routes[0] (/orders)", "Colour", "unknown key", file: "ocelot.orders.json");
    }

    [Fact]
    public async Task Load_EmptyFolder_ReportsThatNoRouteFileExists()
    {
        using var folder = new TempRouteFolder();

        var loaded = await folder.LoadAsync();

        ProblemAssert.HasError(loaded.Problems, null, "(folder)", "expected ocelot.json or ocelot.*.json fragments", file: folder.Path);
        Assert.Empty(loaded.Configuration.Routes);
    }

    [Fact]
    public async Task Load_MissingFolder_ReportsIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-route-folder-" + Guid.NewGuid().ToString("N"));

        var loaded = await new RouteFileLoader().LoadFolderAsync(missing, "Production", CancellationToken.None);

        ProblemAssert.HasError(loaded.Problems, null, "(folder)", "does not exist", file: missing);
    }

    [Fact]
    public async Task Load_LegacyReRoutesInFragments_AreUsedWhenRoutesIsEmpty()
    {
        using var folder = new TempRouteFolder()
            .With("ocelot.old.json", """{ "ReRoutes": [ { "UpstreamPathTemplate": "/old", "ReRouteIsCaseSensitive": true } ] }""");

        var loaded = await folder.LoadAsync();

        Assert.Equal("/old", Assert.Single(loaded.Configuration.ReRoutes).UpstreamPathTemplate);
        Assert.Equal(new ConfigurationOrigin("ocelot.old.json", 0), Assert.Single(loaded.RouteOrigins));
        ProblemAssert.HasWarning(loaded.Problems, null, "ReRoutes", "rename it to Routes", file: "ocelot.old.json");
        ProblemAssert.HasWarning(loaded.Problems, "ReRoutes[0] (/old)", "ReRouteIsCaseSensitive", "rename it to RouteIsCaseSensitive", file: "ocelot.old.json");
    }

    [Fact]
    public async Task Load_LegacyReRoutesNextToRoutes_AreIgnoredWithWarning()
    {
        using var folder = new TempRouteFolder()
            .With("ocelot.new.json", RouteFile("/new"))
            .With("ocelot.old.json", """{ "ReRoutes": [ { "UpstreamPathTemplate": "/old" } ] }""");

        var loaded = await folder.LoadAsync();

        Assert.Equal(["/new"], loaded.Configuration.Routes.Select(r => r.UpstreamPathTemplate));
        Assert.Equal([new ConfigurationOrigin("ocelot.new.json", 0)], loaded.RouteOrigins);
        ProblemAssert.HasWarning(loaded.Problems, null, "ReRoutes", "ignored because Routes is not empty", file: "ocelot.old.json");
    }
}
