using System.Text.Json;
using OcelotGateway.Configuration;
using OcelotGateway.Configuration.File;
using OcelotGateway.Configuration.Loading;

namespace OcelotGateway.Tests.Configuration;

/// <summary>
/// The JSON Schema shipped for route files: the shipped files and Ocelot-style files pass, mistakes are reported at the bad
/// key, and the schema lists exactly the keys the loader knows.
/// </summary>
public sealed class RouteFileSchemaTests
{
    private static readonly string SamplesFolder =
        Path.Combine(RouteFileSchema.RepositoryRoot, "tests", "OcelotGateway.Tests", "Configuration", "SchemaSamples");

    public static TheoryData<string> ShippedRouteFiles() =>
        [.. Directory.EnumerateFiles(Path.Combine(RouteFileSchema.RepositoryRoot, "ocelot"), "*.json", SearchOption.AllDirectories)
            .Where(f => !string.Equals(Path.GetFullPath(f), RouteFileSchema.SchemaPath, StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(RouteFileSchema.RepositoryRoot, f))
            .Order(StringComparer.Ordinal)];

    public static TheoryData<string> OcelotStyleSamples() =>
        [.. Directory.EnumerateFiles(SamplesFolder, "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ShippedRouteFiles))]
    public async Task Validate_ShippedRouteFile_HasNoSchemaErrors(string relativePath)
    {
        var errors = await RouteFileSchema.ValidateAsync(await File.ReadAllTextAsync(Path.Combine(RouteFileSchema.RepositoryRoot, relativePath)));

        Assert.Empty(errors);
    }

    [Theory]
    [MemberData(nameof(ShippedRouteFiles))]
    public async Task SchemaKey_ShippedRouteFile_PointsAtSchemaFromItsFolder(string relativePath)
    {
        var path = Path.Combine(RouteFileSchema.RepositoryRoot, relativePath);
        var json = JsonSourceReader.Read(await File.ReadAllTextAsync(path), relativePath, new List<ConfigurationProblem>());

        var reference = json?[KnownKeys.SchemaKey]?.GetValue<string>();

        Assert.NotNull(reference);
        Assert.Equal(RouteFileSchema.SchemaPath, Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, reference)));
    }

    [Theory]
    [MemberData(nameof(OcelotStyleSamples))]
    public async Task Validate_OcelotStyleSample_HasNoSchemaErrorsAndNoUnknownKeys(string fileName)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(SamplesFolder, fileName));

        var errors = await RouteFileSchema.ValidateAsync(text);
        var loaded = new RouteFileLoader().LoadJson(text, fileName);

        Assert.Empty(errors);
        // The samples must be files the gateway understands too, or they would prove nothing about the schema.
        Assert.DoesNotContain(loaded.Problems, p => p.Message.Contains("unknown", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "Routes": [ { "UpstreamPathTemplat": "/a" } ] }""", "#/Routes[0].UpstreamPathTemplat", "NoAdditionalPropertiesAllowed")]
    [InlineData("""{ "routes": [] }""", "#/routes", "NoAdditionalPropertiesAllowed")]
    [InlineData("""{ "Routes": [ { "UpstreamPathTemplate": "orders/{id}" } ] }""", "#/Routes[0].UpstreamPathTemplate", "PatternMismatch")]
    [InlineData("""{ "Routes": [ { "DownstreamPathTemplate": "/a//b" } ] }""", "#/Routes[0].DownstreamPathTemplate", "PatternMismatch")]
    [InlineData("""{ "Routes": [ { "UpstreamHttpMethod": "Get" } ] }""", "#/Routes[0].UpstreamHttpMethod", "ArrayExpected")]
    [InlineData("""{ "Routes": [ { "DownstreamHostAndPorts": [ { "Host": "a", "Port": "eighty" } ] } ] }""", "#/Routes[0].DownstreamHostAndPorts[0].Port", "PatternMismatch")]
    [InlineData("""{ "Routes": [ { "DownstreamScheme": "tcp" } ] }""", "#/Routes[0].DownstreamScheme", "PatternMismatch")]
    [InlineData("""{ "Routes": [ { "DownstreamHttpVersionPolicy": "requestVersionExact" } ] }""", "#/Routes[0].DownstreamHttpVersionPolicy", "NotInEnumeration")]
    [InlineData("""{ "Routes": [ { "RateLimitOptions": { "Period": "1 second", "Limit": 5 } } ] }""", "#/Routes[0].RateLimitOptions.Period", "PatternMismatch")]
    [InlineData("""{ "Routes": [ { "RateLimitOptions": { "Period": "1s", "Limit": 0 } } ] }""", "#/Routes[0].RateLimitOptions.Limit", "NumberTooSmall")]
    [InlineData("""{ "Routes": [ { "QoSOptions": { "MinimumThroughput": 3, "Timeout": "5s" } } ] }""", "#/Routes[0].QoSOptions.Timeout", "PatternMismatch")]
    [InlineData("""{ "Routes": [ { "RetryOptions": { "MaxRetries": 2, "Budget": 10 } } ] }""", "#/Routes[0].RetryOptions.Budget", "NoAdditionalPropertiesAllowed")]
    [InlineData("""{ "Routes": [ { "CacheOptions": { "TtlSeconds": 30, "EnableContentHashing": "yes" } } ] }""", "#/Routes[0].CacheOptions.EnableContentHashing", "PatternMismatch")]
    [InlineData("""{ "Aggregates": [ { "RouteKeys": [ "a", "b" ], "UpstreamPathTemplate": "/both", "RouteKeysConfig": [ { "RouteKey": "b", "Path": "$.id" } ] } ] }""", "#/Aggregates[0].RouteKeysConfig[0].Path", "NoAdditionalPropertiesAllowed")]
    [InlineData("""{ "GlobalConfiguration": { "ServiceDiscoveryProvider": { "Type": "Eureka", "Host": "eureka" } } }""", "#/GlobalConfiguration.ServiceDiscoveryProvider.Type", "PatternMismatch")]
    [InlineData("""{ "GlobalConfiguration": { "RateLimitOptions": { "StatusCode": 42 } } }""", "#/GlobalConfiguration.RateLimitOptions.StatusCode", "NumberTooSmall")]
    [InlineData("""{ "DynamicRoutes": [ { "ServiceName": "orders", "UpstreamPathTemplate": "/orders" } ] }""", "#/DynamicRoutes[0].UpstreamPathTemplate", "NoAdditionalPropertiesAllowed")]
    [InlineData("""{ "SwaggerEndPoints": [ { "Key": "orders", "Config": [ { "Name": "Orders", "Version": "v1", "Uri": "http://orders/swagger.json" } ] } ] }""", "#/SwaggerEndPoints[0].Config[0].Uri", "NoAdditionalPropertiesAllowed")]
    public async Task Validate_KnownBadFile_ReportsTheBadKey(string file, string path, string kind)
    {
        var errors = await RouteFileSchema.ValidateAsync(file);

        Assert.Contains(path + ": " + kind, errors);
    }

    [Fact]
    public async Task Validate_ValuesWrittenAsStrings_AreAcceptedAsTheBinderConvertsThem()
    {
        var errors = await RouteFileSchema.ValidateAsync("""
            { "Routes": [ { "UpstreamPathTemplate": "/a", "DownstreamPathTemplate": "/a", "Priority": "2", "RouteIsCaseSensitive": "True",
                            "DownstreamHostAndPorts": [ { "Host": "a", "Port": "8080" } ], "QoSOptions": { "FailureRatio": "0.25" } } ] }
            """);

        Assert.Empty(errors);
    }

    [Fact]
    public void Schema_EveryKeyTheLoaderKnows_IsDescribedWithTheRightShape()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(RouteFileSchema.SchemaPath));
        var missing = new List<string>();
        var visited = new HashSet<Type>();
        CheckModel(schema.RootElement, typeof(FileConfiguration), "(root)", schema.RootElement.GetProperty("definitions"), visited, missing);

        Assert.True(missing.Count == 0, "keys the loader knows but the schema does not describe:\n" + string.Join("\n", missing));
        Assert.Contains(typeof(FileRoute), visited);
        Assert.Contains(typeof(FileRetryOptions), visited);
    }

    [Fact]
    public void Schema_EveryKeyItDescribes_IsKnownToTheLoader()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(RouteFileSchema.SchemaPath));
        var definitions = schema.RootElement.GetProperty("definitions");
        var unknown = new List<string>();
        var models = typeof(FileConfiguration).Assembly.GetTypes().Where(t => t.Namespace == typeof(FileConfiguration).Namespace).ToDictionary(t => t.Name);
        foreach (var (name, properties) in definitions.EnumerateObject()
                     .Select(d => (d.Name, d.Value.GetProperty("properties")))
                     .Append(("FileConfiguration", schema.RootElement.GetProperty("properties"))))
        {
            if (!models.TryGetValue(name, out var model))
            {
                // Objects of keys accepted without binding (GlobalConfiguration.MetadataOptions) have no model type.
                Assert.Equal("FileMetadataOptions", name);
                continue;
            }

            unknown.AddRange(properties.EnumerateObject()
                .Where(p => !KnownKeys.TryGetProperty(model, p.Name, out _) && !KnownKeys.IsAcceptedExtra(model, p.Name))
                .Select(p => name + "." + p.Name));
        }

        Assert.True(unknown.Count == 0, "keys in the schema the loader would warn about:\n" + string.Join("\n", unknown));
    }

    [Fact]
    public void Load_SchemaKey_IsNotReportedAsUnknown()
    {
        var loaded = new RouteFileLoader().LoadJson("""{ "$schema": "./schema/ocelot.schema.json", "$schemas": "typo", "Routes": [] }""", "ocelot.json");

        var problem = Assert.Single(loaded.Problems);
        Assert.Equal("$schemas", problem.Key);
        Assert.Contains("unknown top-level key", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ocelot", "Development")]
    [InlineData("ocelot/production", "Production")]
    public async Task LoadFolder_ShippedFolder_ReportsNoProblems(string folder, string environment)
    {
        var loaded = await new RouteFileLoader().LoadFolderAsync(Path.Combine(RouteFileSchema.RepositoryRoot, folder), environment, CancellationToken.None);

        // The schema lives in a sub-folder: as ocelot.schema.json beside the routes, Ocelot's folder merge would read it as routes.
        ProblemAssert.None(loaded.Problems);
    }

    private static void CheckModel(JsonElement schema, Type model, string name, JsonElement definitions, HashSet<Type> visited, List<string> missing)
    {
        if (!visited.Add(model))
        {
            return;
        }

        var properties = schema.GetProperty("properties");
        foreach (var key in KnownKeys.Names(model).Concat(KnownKeys.ExtrasOf(model)))
        {
            if (!properties.TryGetProperty(key, out var property))
            {
                missing.Add(name + "." + key);
                continue;
            }

            if (!KnownKeys.TryGetProperty(model, key, out var info) || ObjectModelOf(info.PropertyType) is not { } child)
            {
                continue;
            }

            var reference = property.TryGetProperty("$ref", out var direct) ? direct.GetString()
                : property.TryGetProperty("items", out var items) && items.TryGetProperty("$ref", out var itemRef) ? itemRef.GetString()
                : null;
            if (reference != "#/definitions/" + child.Name)
            {
                missing.Add($"{name}.{key} (expected a reference to #/definitions/{child.Name}, found {reference ?? "none"})");
                continue;
            }

            CheckModel(definitions.GetProperty(child.Name), child, child.Name, definitions, visited, missing);
        }
    }

    private static Type? ObjectModelOf(Type type)
    {
        var shape = ModelShape.Of(type);
        var candidate = shape.Kind == ModelShapeKind.Object ? type : shape.ItemType;
        return candidate is not null && ModelShape.Of(candidate).Kind == ModelShapeKind.Object ? candidate : null;
    }
}
