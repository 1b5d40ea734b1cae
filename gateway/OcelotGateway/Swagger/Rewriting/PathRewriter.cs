using System.Text.Json.Nodes;

namespace OcelotGateway.Swagger.Rewriting;

/// <summary>
/// Rebuilds a document's <c>paths</c> as the gateway exposes them (SwaggerForOcelot's steps 3 to 6): every operation is copied
/// under the gateway path of each route that exposes its path and method; operations no route exposes disappear, and so
/// do paths left without operations. New paths are sorted by name.
/// </summary>
internal sealed class PathRewriter
{
    /// <summary>The operation keys of a path item (OpenAPI 3.x; Swagger 2.0 uses a subset).</summary>
    private static readonly HashSet<string> Methods = new(StringComparer.OrdinalIgnoreCase)
    {
        "get", "put", "post", "delete", "options", "head", "patch", "trace",
    };

    // Path-item members copied along with the operations; "servers" is not, it points at the service.
    private static readonly string[] PathItemMembers = ["summary", "description", "parameters"];

    private readonly JsonObject _document;
    private readonly DocumentFormat _format;
    private readonly RoutePathMatcher[] _matchers;

    public PathRewriter(JsonObject document, DocumentFormat format, IReadOnlyList<SwaggerRoute> routes)
    {
        _document = document;
        _format = format;
        _matchers = [.. routes.Select(r => new RoutePathMatcher(r))];
    }

    /// <summary>Security scheme names the kept operations now require.</summary>
    public SortedSet<string> SecuritySchemesUsed { get; } = new(StringComparer.Ordinal);

    /// <param name="basePath">Prefix of every document path on the service (<c>basePath</c> or the first server's path), no trailing '/'.</param>
    public JsonObject Rewrite(JsonObject paths, string basePath)
    {
        var result = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (documentPath, node) in paths)
        {
            if (node is not JsonObject item)
            {
                continue;
            }

            var fullPath = basePath + documentPath;
            foreach (var (member, operation) in item)
            {
                if (!Methods.Contains(member) || operation is not JsonObject)
                {
                    continue;
                }

                foreach (var (matcher, mapping) in Candidates(fullPath, member.ToUpperInvariant()))
                {
                    if (!result.TryGetValue(mapping.UpstreamPath, out var target))
                    {
                        result[mapping.UpstreamPath] = target = NewPathItem(item, mapping);
                    }

                    // Operations from several document paths landing on one gateway path merge; the first one of a method wins.
                    if (!target.ContainsKey(member))
                    {
                        target[member] = CopyOperation((JsonObject)operation, mapping, matcher.Route);
                    }
                }
            }
        }

        var rewritten = new JsonObject();
        foreach (var (path, item) in result)
        {
            rewritten[path] = item;
        }

        return rewritten;
    }

    /// <summary>
    /// The routes exposing the method on the path; of routes sharing an upstream prefix, the one with the shortest downstream
    /// template (SwaggerForOcelot's tie-break).
    /// </summary>
    private IEnumerable<(RoutePathMatcher Matcher, PathMapping Mapping)> Candidates(string fullPath, string method)
    {
        var best = new Dictionary<string, (RoutePathMatcher Matcher, PathMapping Mapping)>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var matcher in _matchers)
        {
            if (!matcher.Route.Exposes(method) || matcher.Map(fullPath) is not { } mapping)
            {
                continue;
            }

            if (!best.TryGetValue(matcher.UpstreamPrefix, out var current))
            {
                order.Add(matcher.UpstreamPrefix);
                best[matcher.UpstreamPrefix] = (matcher, mapping);
            }
            else if (matcher.Route.DownstreamPathTemplate.Length < current.Matcher.Route.DownstreamPathTemplate.Length)
            {
                best[matcher.UpstreamPrefix] = (matcher, mapping);
            }
        }

        return order.Select(prefix => best[prefix]);
    }

    private JsonObject NewPathItem(JsonObject source, PathMapping mapping)
    {
        var item = new JsonObject();
        foreach (var member in PathItemMembers)
        {
            if (source[member] is { } value)
            {
                var copy = value.DeepClone();
                if (member == "parameters" && copy is JsonArray parameters)
                {
                    RenameParameters(parameters, mapping.Renames);
                }

                item[member] = copy;
            }
        }

        return item;
    }

    private JsonObject CopyOperation(JsonObject source, PathMapping mapping, SwaggerRoute route)
    {
        var operation = (JsonObject)source.DeepClone();
        operation.Remove("servers");
        if (mapping.Renames.Count > 0 || mapping.AddedParameters.Count > 0)
        {
            if (operation["parameters"] is not JsonArray parameters)
            {
                operation["parameters"] = parameters = [];
            }

            RenameParameters(parameters, mapping.Renames);
            foreach (var name in mapping.AddedParameters)
            {
                if (!parameters.Any(p => IsPathParameter(p as JsonObject, name)))
                {
                    parameters.Add(NewPathParameter(name));
                }
            }
        }

        if (route.SecurityScheme is { } scheme)
        {
            var scopes = new JsonArray([.. route.Scopes.Select(s => (JsonNode)JsonValue.Create(s))]);
            operation["security"] = new JsonArray(new JsonObject { [scheme] = scopes });
            SecuritySchemesUsed.Add(scheme);
        }

        return operation;
    }

    /// <summary>Renames path parameters; one defined by reference is inlined first, since the shared definition keeps its name.</summary>
    private void RenameParameters(JsonArray parameters, IReadOnlyDictionary<string, string> renames)
    {
        if (renames.Count == 0)
        {
            return;
        }

        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i] as JsonObject;
            if (JsonPointers.StringValue(parameter?["$ref"]) is { } reference)
            {
                parameter = JsonPointers.Resolve(_document, reference) as JsonObject;
                if (parameter is null || !IsRenamed(parameter, renames, out _))
                {
                    continue;
                }

                parameter = (JsonObject)parameter.DeepClone();
                parameters[i] = parameter;
            }

            if (parameter is not null && IsRenamed(parameter, renames, out var newName))
            {
                parameter["name"] = newName;
            }
        }
    }

    private static bool IsRenamed(JsonObject parameter, IReadOnlyDictionary<string, string> renames, out string newName)
    {
        newName = string.Empty;
        return JsonPointers.StringValue(parameter["in"]) == "path"
            && JsonPointers.StringValue(parameter["name"]) is { } name
            && renames.TryGetValue(name, out newName!);
    }

    private static bool IsPathParameter(JsonObject? parameter, string name) =>
        parameter is not null && JsonPointers.StringValue(parameter["in"]) == "path" && JsonPointers.StringValue(parameter["name"]) == name;

    private JsonObject NewPathParameter(string name) => _format == DocumentFormat.Swagger2
        ? new JsonObject { ["name"] = name, ["in"] = "path", ["required"] = true, ["type"] = "string" }
        : new JsonObject { ["name"] = name, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } };
}
