namespace Documentation.Tests;

/// <summary>The doc test's own matcher: strict about order and text, lenient only where a block writes <c>…</c>.</summary>
public sealed class ExpectationTests
{
    private const string Output = "HTTP/1.1 202 Accepted\nLocation: /.gateway/replies/5f0c1e\nRetry-After: 1\n\nHTTP/1.1 200 OK\n";

    [Fact]
    public void Check_InOrder_Passes()
    {
        Assert.Null(Expectation.Check(Parse("curl -i /a   # -> HTTP/1.1 202 Accepted", "# -> Location: /.gateway/replies/…", "# -> HTTP/1.1 200 OK"), Output));
    }

    [Fact]
    public void Check_OutOfOrder_FailsNamingTheLine()
    {
        var failure = Expectation.Check(Parse("# -> HTTP/1.1 200 OK", "# -> Retry-After: 1"), Output);

        Assert.Equal("line 11: the output does not show \"Retry-After: 1\" after what the previous expectation matched", failure);
    }

    [Fact]
    public void Check_Ellipsis_DoesNotCrossLines()
    {
        Assert.NotNull(Expectation.Check(Parse("# -> Accepted…Retry-After"), Output));
        Assert.Null(Expectation.Check(Parse("# -> Location: …1e"), Output));
    }

    [Fact]
    public void Check_TextIsLiteral_NotARegularExpression()
    {
        Assert.NotNull(Expectation.Check(Parse("# -> HTTP/1.1 2.. Accepted"), Output));
    }

    [Fact]
    public void Parse_LinesWithoutTheMarker_HaveNoExpectation()
    {
        Assert.Empty(Parse("curl -i http://127.0.0.1:5000/stock   # a comment", "# ->", "echo '#->x'"));
    }

    private static IReadOnlyList<Expectation> Parse(params string[] lines) => Expectation.Parse(lines, firstLine: 10);
}
