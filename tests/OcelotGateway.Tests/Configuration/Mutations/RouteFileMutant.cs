using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace OcelotGateway.Tests.Configuration.Mutations;

/// <summary>A route file after a few mutations, as the text an operator would have saved.</summary>
internal sealed record RouteFileMutant(string Source, string Text, IReadOnlyList<string> Edits)
{
    private const string DuplicatePrefix = "__duplicate_of_";

    private static readonly JsonSerializerOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Mutants of the shipped and sample route files, one to three edits each.</summary>
    public static Gen<RouteFileMutant> Of(IReadOnlyList<CorpusFile> corpus, Func<CorpusFile, JsonObject>? prepare = null) =>
        Gen.Select(
            Gen.Int[0, corpus.Count - 1],
            Gen.Select(Gen.Frequency((3, Gen.Const(0)), (3, Gen.Const(8)), (4, Gen.Const(3)), (1, Gen.Int[1, 7])), Gen.UInt, Gen.Int[0, 100_000], Gen.Int[0, 1_000])
                .Array[1, 3],
            (index, edits) => Apply(corpus[index], prepare, edits));

    public override string ToString() =>
        Source + " with " + string.Join("; ", Edits) + ":\n" + (Text.Length > 3000 ? Text[..3000] + " ..." : Text);

    private static RouteFileMutant Apply(CorpusFile file, Func<CorpusFile, JsonObject>? prepare, (int Kind, uint Target, int Pick, int Extra)[] edits)
    {
        var root = prepare?.Invoke(file) ?? (JsonObject)file.Json.DeepClone();
        var described = new List<string>();
        var nestingDepth = 0;
        foreach (var (kind, target, pick, extra) in edits)
        {
            var nodes = Nodes(root);
            if (kind == 8 && nodes.Where(n => Get(n.Parent, n.Name, n.Index) is not (JsonObject or JsonArray)).ToList() is { Count: > 0 } leaves)
            {
                // Values only: most of what validation has to range-check.
                nodes = leaves;
            }

            var (parent, name, index, path) = nodes[(int)(target % (uint)nodes.Count)];
            var node = Get(parent, name, index);
            switch (kind)
            {
                case 0 or 8:
                    Set(parent, name, index, MutationValues.Value(pick));
                    described.Add($"{path} = {Show(Get(parent, name, index))}");
                    break;
                case 1:
                    Set(parent, name, index, SwapType(node));
                    described.Add($"{path} type swapped to {Show(Get(parent, name, index))}");
                    break;
                case 2:
                    Remove(parent, name, index);
                    described.Add($"{path} removed");
                    break;
                case 3:
                    var (objectPath, target3) = Objects(root)[(int)(target % (uint)Objects(root).Count)];
                    var (key, inner) = MutationValues.Keys[pick % MutationValues.Keys.Length];
                    target3[key] = MutationValues.ValueFor(key, inner, pick / MutationValues.Keys.Length, extra);
                    described.Add($"{objectPath}.{key} = {Show(target3[key])}");
                    break;
                case 4:
                    var withKeys = Objects(root).Where(o => o.Json.Count > 0).ToList();
                    if (withKeys.Count > 0)
                    {
                        var (duplicatePath, duplicated) = withKeys[(int)(target % (uint)withKeys.Count)];
                        var original = duplicated.ElementAt(extra % duplicated.Count).Key;
                        duplicated[DuplicatePrefix + original] = MutationValues.Value(pick);
                        described.Add($"{duplicatePath}.{original.ToLowerInvariant()} duplicates {original}");
                    }

                    break;
                case 5:
                    Set(parent, name, index, JsonValue.Create((node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "x") + MutationValues.LoneSurrogateMarker));
                    described.Add($"{path} ends in a lone surrogate");
                    break;
                case 6:
                    nestingDepth = new[] { 30, 63, 64, 65, 500 }[extra % 5];
                    Set(parent, name, index, JsonValue.Create(MutationValues.DeepNestingMarker));
                    described.Add($"{path} nested {nestingDepth} deep");
                    break;
                default:
                    var length = new[] { 4096, 4097, 100_000 }[extra % 3];
                    Set(parent, name, index, JsonValue.Create(new string('a', length)));
                    described.Add(string.Create(CultureInfo.InvariantCulture, $"{path} = {length} characters"));
                    break;
            }
        }

        return new RouteFileMutant(file.Name, Render(root, nestingDepth), described);
    }

    private static string Render(JsonObject root, int nestingDepth)
    {
        var text = new StringBuilder(root.ToJsonString(Writer));
        text.Replace(MutationValues.LoneSurrogateMarker, "\\ud800");
        text.Replace("\"" + MutationValues.DeepNestingMarker + "\"", new string('[', nestingDepth) + "1" + new string(']', nestingDepth));
        var rendered = text.ToString();
        var start = rendered.IndexOf("\"" + DuplicatePrefix, StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = rendered.IndexOf('"', start + 1);
            var original = rendered[(start + 1 + DuplicatePrefix.Length)..end];
            rendered = rendered[..start] + "\"" + original.ToLowerInvariant() + rendered[end..];
            start = rendered.IndexOf("\"" + DuplicatePrefix, StringComparison.Ordinal);
        }

        return rendered;
    }

    private static JsonNode? SwapType(JsonNode? node) => node switch
    {
        JsonObject o => new JsonArray([.. o.Select(p => p.Value?.DeepClone())]),
        JsonArray a => new JsonObject { ["0"] = a.Count > 0 ? a[0]?.DeepClone() : null },
        JsonValue v when v.TryGetValue<string>(out var s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
            ? JsonValue.Create(d)
            : new JsonArray(JsonValue.Create(s)),
        null => new JsonObject(),
        _ => JsonValue.Create(node.ToJsonString()),
    };

    /// <summary>Every node below the root with where it sits: parent, property name or array index, and its path.</summary>
    private static List<(JsonNode Parent, string? Name, int Index, string Path)> Nodes(JsonObject root)
    {
        var nodes = new List<(JsonNode, string?, int, string)>();
        void Walk(JsonNode node, string path)
        {
            if (node is JsonObject o)
            {
                foreach (var (name, child) in o.ToList())
                {
                    var childPath = path.Length == 0 ? name : path + "." + name;
                    nodes.Add((o, name, -1, childPath));
                    if (child is not null)
                    {
                        Walk(child, childPath);
                    }
                }
            }
            else if (node is JsonArray a)
            {
                for (var i = 0; i < a.Count; i++)
                {
                    var childPath = string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]");
                    nodes.Add((a, null, i, childPath));
                    if (a[i] is { } child)
                    {
                        Walk(child, childPath);
                    }
                }
            }
        }

        Walk(root, "");
        if (nodes.Count == 0)
        {
            root["Routes"] = new JsonArray();
            nodes.Add((root, "Routes", -1, "Routes"));
        }

        return nodes;
    }

    private static List<(string Path, JsonObject Json)> Objects(JsonObject root)
    {
        var objects = new List<(string, JsonObject)> { ("(root)", root) };
        objects.AddRange(Nodes(root).Where(n => Get(n.Parent, n.Name, n.Index) is JsonObject).Select(n => (n.Path, (JsonObject)Get(n.Parent, n.Name, n.Index)!)));
        return objects;
    }

    private static JsonNode? Get(JsonNode parent, string? name, int index) => name is not null ? parent[name] : parent[index];

    private static void Set(JsonNode parent, string? name, int index, JsonNode? value)
    {
        if (name is not null)
        {
            parent[name] = value;
        }
        else
        {
            parent[index] = value;
        }
    }

    private static void Remove(JsonNode parent, string? name, int index)
    {
        if (name is not null)
        {
            ((JsonObject)parent).Remove(name);
        }
        else
        {
            ((JsonArray)parent).RemoveAt(index);
        }
    }

    private static string Show(JsonNode? node)
    {
        var text = node?.ToJsonString(Writer) ?? "null";
        return text.Length > 80 ? text[..80] + "..." : text;
    }
}
