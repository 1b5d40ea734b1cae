using System.Text.Json.Nodes;

namespace OcelotGateway.Swagger.Rewriting;

/// <summary>Local JSON references (<c>#/components/schemas/Stock</c>) as the rewrite needs them.</summary>
internal static class JsonPointers
{
    /// <summary>The reference's tokens, unescaped (<c>~1</c> is '/', <c>~0</c> is '~'); null for a reference into another file.</summary>
    public static string[]? Tokens(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return null;
        }

        var tokens = reference[2..].Split('/');
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = Uri.UnescapeDataString(tokens[i]).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        }

        return tokens;
    }

    public static JsonNode? Resolve(JsonObject document, string reference)
    {
        if (Tokens(reference) is not { } tokens)
        {
            return null;
        }

        JsonNode? node = document;
        foreach (var token in tokens)
        {
            node = node switch
            {
                JsonObject obj => obj[token],
                JsonArray array when int.TryParse(token, out var index) && index >= 0 && index < array.Count => array[index],
                _ => null,
            };
        }

        return node;
    }

    /// <summary>
    /// The component a reference points into, as (section, name): <c>#/components/schemas/A/properties/b</c> gives
    /// (<c>components/schemas</c>, <c>A</c>), Swagger 2.0's <c>#/definitions/A</c> gives (<c>definitions</c>, <c>A</c>).
    /// </summary>
    public static (string Section, string Name)? Component(string reference) =>
        Tokens(reference) switch
        {
            ["components", var section, var name, ..] => ("components/" + section, name),
            [var section, var name, ..] when section != "components" => (section, name),
            _ => null,
        };

    public static string? StringValue(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
