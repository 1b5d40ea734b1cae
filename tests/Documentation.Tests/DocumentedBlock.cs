namespace Documentation.Tests;

/// <summary>
/// One fenced <c>```bash</c> block of a Markdown file: the commands as written, and what their output must show, from the
/// block's <c># -&gt; text</c> comments in order.
/// </summary>
public sealed record DocumentedBlock(string File, int Line, string Code, IReadOnlyList<Expectation> Expectations)
{
    /// <summary>How tests name the block, e.g. <c>docs/caching.md:42</c> (the line of the opening fence).</summary>
    public string Id => File + ":" + Line;

    public override string ToString() => Id;
}
