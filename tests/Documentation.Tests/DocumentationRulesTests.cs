namespace Documentation.Tests;

/// <summary>The conventions that keep documented commands runnable and checked.</summary>
public sealed class DocumentationRulesTests
{
    public static TheoryData<string> Files => [.. MarkdownCommands.Files(Repository.Root)];

    [Theory]
    [MemberData(nameof(Files))]
    public void ShellFences_AreBashToRunOrShToShow(string file)
    {
        var other = MarkdownCommands.Fences(Repository.Root, file)
            .Where(f => f.Language is "shell" or "console" or "zsh" or "shell-session" or "bash-session")
            .Select(f => f.Block.Id)
            .ToList();

        Assert.True(other.Count == 0, "use ```bash (run by the doc test) or ```sh (shown only) for: " + string.Join(", ", other));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void RunnableBlocks_EachSayWhatTheyShow(string file)
    {
        var silent = MarkdownCommands.Fences(Repository.Root, file)
            .Where(f => f.Language == MarkdownCommands.Runnable && f.Block.Expectations.Count == 0)
            .Select(f => f.Block.Id)
            .ToList();

        Assert.True(silent.Count == 0, "each ```bash block needs at least one '# -> text' comment for its output: " + string.Join(", ", silent));
    }

    [Fact]
    public void Readme_HasRunnableBlocks()
    {
        Assert.Contains(MarkdownCommands.RunnableBlocks(Repository.Root), b => b.File == "README.md");
    }
}
