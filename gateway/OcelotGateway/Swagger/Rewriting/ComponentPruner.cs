using System.Text.Json.Nodes;

namespace OcelotGateway.Swagger.Rewriting;

/// <summary>
/// SwaggerForOcelot's <c>RemoveUnusedComponentsFromScheme</c>: once paths are removed, the reusable parts only they used go
/// too. Reachability starts at the paths (and 3.1 webhooks) and follows every local <c>$ref</c> — through items, allOf, oneOf,
/// anyOf, properties, discriminator mappings, anything — transitively. Security schemes are referenced by name, not
/// <c>$ref</c>, and are never removed. Top-level tags no kept operation uses are removed too.
/// </summary>
internal static class ComponentPruner
{
    private static readonly string[] OpenApi3Sections =
        ["schemas", "responses", "parameters", "examples", "requestBodies", "headers", "links", "callbacks", "pathItems"];

    private static readonly string[] Swagger2Sections = ["definitions", "parameters", "responses"];

    public static void Prune(JsonObject document, DocumentFormat format)
    {
        var reachable = Reachable(document);
        if (format == DocumentFormat.OpenApi3)
        {
            if (document["components"] is JsonObject components)
            {
                foreach (var section in OpenApi3Sections)
                {
                    RemoveUnreachable(components[section] as JsonObject, "components/" + section, reachable);
                }
            }
        }
        else
        {
            foreach (var section in Swagger2Sections)
            {
                RemoveUnreachable(document[section] as JsonObject, section, reachable);
            }
        }

        PruneTags(document);
    }

    private static HashSet<(string Section, string Name)> Reachable(JsonObject document)
    {
        var reachable = new HashSet<(string, string)>();
        var pending = new Stack<JsonNode>();
        foreach (var root in new[] { document["paths"], document["webhooks"] })
        {
            if (root is not null)
            {
                pending.Push(root);
            }
        }

        while (pending.TryPop(out var node))
        {
            foreach (var reference in References(node))
            {
                if (JsonPointers.Component(reference) is { } component && reachable.Add(component)
                    && JsonPointers.Resolve(document, reference) is { } target)
                {
                    pending.Push(target);
                }
            }
        }

        return reachable;
    }

    /// <summary>Every local reference in the node: <c>$ref</c> values and discriminator mapping targets.</summary>
    private static IEnumerable<string> References(JsonNode node)
    {
        var pending = new Stack<(JsonNode Node, bool IsMapping)>();
        pending.Push((node, false));
        while (pending.TryPop(out var current))
        {
            switch (current.Node)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        if (value is null)
                        {
                            continue;
                        }

                        if ((key == "$ref" || current.IsMapping) && JsonPointers.StringValue(value) is { } reference)
                        {
                            yield return reference;
                        }
                        else
                        {
                            pending.Push((value, key == "mapping"));
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        if (item is not null)
                        {
                            pending.Push((item, false));
                        }
                    }

                    break;
            }
        }
    }

    private static void RemoveUnreachable(JsonObject? section, string sectionName, HashSet<(string, string)> reachable)
    {
        if (section is null)
        {
            return;
        }

        foreach (var name in section.Select(p => p.Key).ToList())
        {
            if (!reachable.Contains((sectionName, name)))
            {
                section.Remove(name);
            }
        }
    }

    private static void PruneTags(JsonObject document)
    {
        if (document["tags"] is not JsonArray tags)
        {
            return;
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in new[] { document["paths"], document["webhooks"] })
        {
            foreach (var item in (root as JsonObject)?.Select(p => p.Value).OfType<JsonObject>() ?? [])
            {
                foreach (var operation in item.Select(p => p.Value).OfType<JsonObject>())
                {
                    foreach (var tag in (operation["tags"] as JsonArray) ?? [])
                    {
                        if (JsonPointers.StringValue(tag) is { } name)
                        {
                            used.Add(name);
                        }
                    }
                }
            }
        }

        for (var i = tags.Count - 1; i >= 0; i--)
        {
            if (JsonPointers.StringValue((tags[i] as JsonObject)?["name"]) is not { } name || !used.Contains(name))
            {
                tags.RemoveAt(i);
            }
        }
    }
}
