namespace Documentation.Tests;

/// <summary>
/// Every <c>```bash</c> block of README.md, docs/*.md, benchmarks/README.md and CONTRIBUTING.md is run against the sample system
/// and must succeed and show what its <c># -&gt; text</c> comments say, in order.
/// </summary>
[TestCaseOrderer(DocumentOrder.TypeName, DocumentOrder.AssemblyName)]
public sealed class DocumentedCommandsTests : IClassFixture<SampleSystem>
{
    private readonly SampleSystem _system;

    public DocumentedCommandsTests(SampleSystem system)
    {
        _system = system;
    }

    public static TheoryData<string> Blocks => [.. MarkdownCommands.RunnableBlocks(Repository.Root).Select(b => b.Id)];

    [Theory]
    [MemberData(nameof(Blocks))]
    public async Task Block_RunsAndShowsWhatItsCommentsSay(string block)
    {
        var documented = MarkdownCommands.RunnableBlocks(Repository.Root).Single(b => b.Id == block);
        var commands = _system.Localize(documented.Code);

        var (exitCode, output) = await BlockRunner.RunAsync(commands, _system.Workspace);

        // Expectations name the documented addresses too (an error message quoting the URL), so they are localized alike.
        var failure = exitCode != 0
            ? $"the block ended with exit code {exitCode}"
            : Expectation.Check(Expectation.Parse(commands.Split('\n'), documented.Line + 1), output);
        Assert.True(failure is null, $"""
            {block}: {failure}
            --- commands (as run) ---
            {commands}
            --- output ---
            {Tail(output, 6000)}
            --- gateway's last lines ---
            {Tail(_system.RecentGatewayOutput, 3000)}
            """);
    }

    private static string Tail(string text, int characters) => text.Length <= characters ? text : "…" + text[^characters..];
}
