using System.Text.RegularExpressions;

namespace Documentation.Tests;

/// <summary>
/// The fenced shell blocks of the repository's documentation. <c>```bash</c> blocks are run by the tests; <c>```sh</c> blocks
/// are shown to readers only (commands that need Docker, Consul, Redis, a restart or a different machine).
/// </summary>
public static partial class MarkdownCommands
{
    public const string Runnable = "bash";

    public const string ShownOnly = "sh";

    /// <summary>Every documentation file whose <c>bash</c> blocks are run, in the order they are run.</summary>
    public static IReadOnlyList<string> Files(string root)
    {
        var docs = Directory.GetFiles(Path.Combine(root, "docs"), "*.md")
            .Select(f => "docs/" + Path.GetFileName(f))
            .Order(StringComparer.Ordinal);
        return ["README.md", .. docs, "benchmarks/README.md", "CONTRIBUTING.md"];
    }

    /// <summary>Every <c>bash</c> block of every documentation file.</summary>
    public static IReadOnlyList<DocumentedBlock> RunnableBlocks(string root) =>
        [.. Files(root).SelectMany(file => Fences(root, file).Where(f => f.Language == Runnable).Select(f => f.Block))];

    /// <summary>Every fence of a file with its language (first word of the info string; empty when none).</summary>
    public static IEnumerable<(string Language, DocumentedBlock Block)> Fences(string root, string file)
    {
        var lines = File.ReadAllLines(Path.Combine(root, file));
        for (var i = 0; i < lines.Length; i++)
        {
            var open = Opening().Match(lines[i]);
            if (!open.Success)
            {
                continue;
            }

            var indent = open.Groups["indent"].Length;
            var fence = open.Groups["fence"].Value;
            var body = new List<string>();
            var j = i + 1;
            for (; j < lines.Length && !IsClosing(lines[j], fence); j++)
            {
                // Blocks inside list items are indented as a whole; the commands are not.
                body.Add(lines[j].Length >= indent && string.IsNullOrWhiteSpace(lines[j][..indent]) ? lines[j][indent..] : lines[j].TrimStart());
            }

            if (j == lines.Length)
            {
                throw new InvalidOperationException($"{file}:{i + 1}: the fence is never closed");
            }

            yield return (open.Groups["language"].Value, new DocumentedBlock(file, i + 1, string.Join('\n', body), Expectation.Parse(body, i + 2)));
            i = j;
        }
    }

    private static bool IsClosing(string line, string fence)
    {
        var trimmed = line.Trim();
        return trimmed.Length >= fence.Length && trimmed.All(c => c == fence[0]);
    }

    [GeneratedRegex(@"^(?<indent>\s*)(?<fence>```+|~~~+)\s*(?<language>[^\s`]*)")]
    private static partial Regex Opening();
}
