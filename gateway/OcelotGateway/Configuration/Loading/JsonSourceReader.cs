using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OcelotGateway.Configuration.Loading;

/// <summary>
/// Reads one route file as Microsoft.Extensions.Configuration's JSON provider would accept it (comments, trailing commas,
/// property names unique regardless of case), into a tree whose property lookups ignore case as configuration keys do.
/// </summary>
internal static class JsonSourceReader
{
    public static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = true };

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The file's root object, or null when it cannot be used (the reason is added to <paramref name="problems"/>).</summary>
    public static JsonObject? Read(string text, string fileName, ICollection<ConfigurationProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add(new ConfigurationProblem(ProblemSeverity.Warning, fileName, null, ProblemLocations.WholeFile, "the file is empty; read as {}"));
            return new JsonObject(NodeOptions);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, DocumentOptions);
        }
        catch (JsonException ex)
        {
            problems.Add(new ConfigurationProblem(ProblemSeverity.Error, fileName, null, Position(ex), "invalid JSON: " + Reason(ex)));
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new ConfigurationProblem(
                    ProblemSeverity.Error,
                    fileName,
                    null,
                    ProblemLocations.WholeFile,
                    "the file must hold one JSON object ({ \"Routes\": [...] }), not " + Describe(document.RootElement.ValueKind)));
                return null;
            }

            return (JsonObject)Convert(document.RootElement, "", fileName, problems)!;
        }
    }

    private static JsonNode? Convert(JsonElement element, string path, string fileName, ICollection<ConfigurationProblem> problems)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var result = new JsonObject(NodeOptions);
                foreach (var property in element.EnumerateObject())
                {
                    var childPath = path.Length == 0 ? property.Name : path + "." + property.Name;
                    if (result.TryGetPropertyValue(property.Name, out _))
                    {
                        // The configuration JSON provider refuses the whole file here ("A duplicate key was found"); keeping the
                        // last value lets the other problems of the file still be found.
                        problems.Add(new ConfigurationProblem(
                            ProblemSeverity.Error,
                            fileName,
                            null,
                            childPath,
                            "duplicate key; keys are case-insensitive, so each may appear only once per object"));
                    }

                    result[property.Name] = Convert(property.Value, childPath, fileName, problems);
                }

                return result;
            case JsonValueKind.Array:
                var array = new JsonArray(NodeOptions);
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(Convert(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]"), fileName, problems));
                }

                return array;
            case JsonValueKind.Null:
                return null;
            default:
                return JsonValue.Create(element.Clone(), NodeOptions);
        }
    }

    private static string Position(JsonException ex) =>
        ex.LineNumber is { } line
            ? string.Create(CultureInfo.InvariantCulture, $"line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1}")
            : ProblemLocations.WholeFile;

    /// <summary>The parser's explanation without the position and path it appends, which the problem's key already carries.</summary>
    private static string Reason(JsonException ex)
    {
        var message = ex.Message;
        foreach (var marker in new[] { " Path: ", " LineNumber: " })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return message.TrimEnd('.', ' ', '|');
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
