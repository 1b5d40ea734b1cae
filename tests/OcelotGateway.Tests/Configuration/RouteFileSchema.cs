using NJsonSchema;
using NJsonSchema.Validation;
using OcelotGateway.Configuration;
using OcelotGateway.Configuration.Loading;

namespace OcelotGateway.Tests.Configuration;

/// <summary>
/// The shipped JSON Schema of route files (<c>ocelot/schema/ocelot.schema.json</c>), and route files read the way the gateway
/// reads them (comments and trailing commas allowed) before they are checked against it.
/// </summary>
internal static class RouteFileSchema
{
    private static readonly Lazy<Task<JsonSchema>> Schema = new(() => JsonSchema.FromFileAsync(SchemaPath));

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string SchemaPath => Path.Combine(RepositoryRoot, "ocelot", "schema", "ocelot.schema.json");

    public static Task<JsonSchema> LoadAsync() => Schema.Value;

    /// <summary>Every problem the schema finds in the route file text, as <c>path: kind</c>, nested choices flattened.</summary>
    public static async Task<IReadOnlyList<string>> ValidateAsync(string routeFileText)
    {
        var problems = new List<ConfigurationProblem>();
        var json = JsonSourceReader.Read(routeFileText, "route file", problems);
        Assert.True(json is not null, "not readable as the gateway reads route files: " + string.Join("; ", problems.Select(p => p.Message)));
        var errors = (await LoadAsync()).Validate(json.ToJsonString());
        return [.. Flatten(errors)];
    }

    private static IEnumerable<string> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            yield return error.Path + ": " + error.Kind;
            var nested = error switch
            {
                ChildSchemaValidationError child => child.Errors.Values.SelectMany(e => e),
                MultiTypeValidationError types => types.Errors.Values.SelectMany(e => e),
                _ => [],
            };
            foreach (var inner in Flatten(nested))
            {
                yield return inner;
            }
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "OcelotGateway.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("OcelotGateway.sln not found above " + AppContext.BaseDirectory);
    }
}
