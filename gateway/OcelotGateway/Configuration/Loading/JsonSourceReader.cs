using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OcelotGateway.Configuration.Loading;

/// <summary>
/// Reads one route file as Microsoft.Extensions.Configuration's JSON provider would accept it (comments, trailing commas,
/// property names unique regardless of case), into a tree whose property lookups ignore case as configuration keys do.
/// What the rest of the pipeline cannot hold is reported here and left out of the tree: text that is not valid Unicode (a lone
/// UTF-16 surrogate escape such as <c>"\ud800"</c>), text or keys over <see cref="RouteFileLimits.MaxStringLength"/>, and
/// <c>null</c> items in arrays, so every later step sees only well-formed text and lists without holes.
/// </summary>
internal static class JsonSourceReader
{
    public static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = true };

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = RouteFileLimits.MaxDepth,
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
                    if (Text(property, path, fileName, problems) is not { } name)
                    {
                        continue;
                    }

                    var childPath = path.Length == 0 ? name : path + "." + name;
                    if (result.TryGetPropertyValue(name, out _))
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

                    result[name] = Convert(property.Value, childPath, fileName, problems);
                }

                return result;
            case JsonValueKind.Array:
                var array = new JsonArray(NodeOptions);
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    var itemPath = string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]");
                    if (item.ValueKind == JsonValueKind.Null)
                    {
                        // The binder would put a null into the list, which no list in the model can mean.
                        problems.Add(new ConfigurationProblem(ProblemSeverity.Error, fileName, null, itemPath, "null in a list; remove it or give a value"));
                        continue;
                    }

                    array.Add(Convert(item, itemPath, fileName, problems));
                }

                return array;
            case JsonValueKind.String:
                return Text(element, path, fileName, problems) is { } text ? JsonValue.Create(text, NodeOptions) : null;
            case JsonValueKind.Null:
                return null;
            default:
                return JsonValue.Create(element.Clone(), NodeOptions);
        }
    }

    /// <summary>A string value, or null (reported) when it is not valid Unicode or too long.</summary>
    private static string? Text(JsonElement element, string path, string fileName, ICollection<ConfigurationProblem> problems)
    {
        string text;
        try
        {
            text = element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            problems.Add(InvalidUnicode(fileName, path));
            return null;
        }

        return WithinLimit(text, path, "value", fileName, problems);
    }

    /// <summary>A property name, or null (reported) when it is not valid Unicode or too long.</summary>
    private static string? Text(JsonProperty property, string path, string fileName, ICollection<ConfigurationProblem> problems)
    {
        string name;
        try
        {
            name = property.Name;
        }
        catch (InvalidOperationException)
        {
            problems.Add(InvalidUnicode(fileName, path.Length == 0 ? ProblemLocations.WholeFile : path));
            return null;
        }

        return WithinLimit(name, path.Length == 0 ? ProblemLocations.WholeFile : path, "key", fileName, problems);
    }

    private static string? WithinLimit(string text, string path, string what, string fileName, ICollection<ConfigurationProblem> problems)
    {
        if (text.Length <= RouteFileLimits.MaxStringLength)
        {
            return text;
        }

        // Cut before a surrogate pair would be split, so the message itself stays valid Unicode.
        var start = text[..(char.IsHighSurrogate(text[39]) ? 39 : 40)];
        problems.Add(new ConfigurationProblem(
            ProblemSeverity.Error,
            fileName,
            null,
            path,
            string.Create(
                CultureInfo.InvariantCulture,
                $"a {what} of {text.Length} characters, starting '{start}'; at most {RouteFileLimits.MaxStringLength} are allowed")));
        return null;
    }

    private static ConfigurationProblem InvalidUnicode(string fileName, string path) =>
        new(ProblemSeverity.Error, fileName, null, path, "not valid Unicode text: a \\uD800-\\uDFFF escape without its pair (a lone UTF-16 surrogate)");

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
