using System.Text.Json.Nodes;

namespace OcelotGateway.Configuration.Loading;

/// <summary>
/// Lays one JSON object over another the way a later <c>IConfiguration</c> source overrides an earlier one: objects merge
/// key by key (names ignore case), arrays merge by index (element i of the overlay into element i of the base, extra
/// elements appended, never removed), and a value replaces a value.
/// </summary>
internal static class JsonOverlay
{
    /// <summary>Applies <paramref name="overlay"/> to <paramref name="target"/> in place; the overlay is not changed.</summary>
    public static void Apply(JsonObject target, JsonObject overlay)
    {
        foreach (var (name, value) in overlay)
        {
            if (target.TryGetPropertyValue(name, out var existing))
            {
                var merged = Merge(existing, value);
                if (!ReferenceEquals(merged, existing))
                {
                    target[name] = merged;
                }
            }
            else
            {
                target[name] = value?.DeepClone();
            }
        }
    }

    /// <summary>The node that results from laying <paramref name="overlay"/> over <paramref name="existing"/>.</summary>
    private static JsonNode? Merge(JsonNode? existing, JsonNode? overlay)
    {
        switch (existing, overlay)
        {
            case (JsonObject target, JsonObject source):
                Apply(target, source);
                return target;
            case (JsonArray target, JsonArray source):
                for (var i = 0; i < source.Count; i++)
                {
                    if (i < target.Count)
                    {
                        var merged = Merge(target[i], source[i]);
                        if (!ReferenceEquals(merged, target[i]))
                        {
                            target[i] = merged;
                        }
                    }
                    else
                    {
                        target.Add(source[i]?.DeepClone());
                    }
                }

                return target;
            case (JsonObject or JsonArray, JsonValue or null):
                // In IConfiguration the base's child keys survive a plain value (or null) on the same key, and binding an object or
                // a list reads the children; the value changes nothing the model can see.
                return existing;
            default:
                return overlay?.DeepClone();
        }
    }
}
