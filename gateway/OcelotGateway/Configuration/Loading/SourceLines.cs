using System.Text;
using System.Text.Json;

namespace OcelotGateway.Configuration.Loading;

/// <summary>
/// The line on which each item of a route file's top-level arrays (<c>Routes</c>, <c>Aggregates</c>...) starts, so the console
/// can point an operator at the text of a route. Read once per file at load time with a forward-only reader; the parsed tree
/// the loader keeps has no positions.
/// </summary>
public sealed class SourceLines
{
    public static readonly SourceLines None = new(new Dictionary<string, int[]>(StringComparer.Ordinal));

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly IReadOnlyDictionary<string, int[]> _sections;

    private SourceLines(IReadOnlyDictionary<string, int[]> sections)
    {
        _sections = sections;
    }

    /// <summary>The 1-based line of item <paramref name="index"/> of <paramref name="section"/> (canonical name), or null when unknown.</summary>
    public int? LineOf(string section, int index) =>
        _sections.TryGetValue(section, out var lines) && index >= 0 && index < lines.Length ? lines[index] : null;

    /// <summary>Reads the positions of a file's text; a file that is not valid JSON yields what was read before the fault.</summary>
    public static SourceLines Read(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lineStarts = LineStarts(bytes);
        var sections = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(bytes, ReaderOptions);
        string? section = null;
        List<int>? items = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName when reader.CurrentDepth == 1:
                        section = TopLevelSections.Canonical(reader.GetString()!);
                        break;
                    case JsonTokenType.StartArray when reader.CurrentDepth == 1 && section is not null:
                        items = [];
                        break;
                    case JsonTokenType.EndArray when reader.CurrentDepth == 1 && items is not null:
                        sections[section!] = [.. items];
                        items = null;
                        break;
                    default:
                        if (reader.CurrentDepth == 2 && items is not null && reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray))
                        {
                            items.Add(LineAt(lineStarts, reader.TokenStartIndex));
                        }

                        break;
                }
            }
        }
        catch (JsonException)
        {
            // The loader reports the fault with its position; the lines read so far still help.
        }

        return new SourceLines(sections);
    }

    private static List<long> LineStarts(byte[] bytes)
    {
        var starts = new List<long> { 0 };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static int LineAt(List<long> lineStarts, long offset)
    {
        var index = lineStarts.BinarySearch(offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }
}
