using CsCheck;
using OcelotGateway.Routing.Paths;
using OcelotGateway.Testing;

namespace OcelotGateway.Tests.Routing.Paths;

public sealed class ClientPathTests
{
    [Theory]
    [InlineData("/a/%2541", "/a/%41", "/a/%2541")]
    [InlineData("/a/%41", "/a/A", "/a/A")]
    [InlineData("/a/%252e%252e/b", "/a/%2e%2e/b", "/a/%252e%252e/b")]
    [InlineData("/a/%2F/b", "/a/%2F/b", "/a/%2F/b")]
    [InlineData("/a/%2f", "/a/%2f", "/a/%2f")]
    [InlineData("/a/%252F", "/a/%2F", "/a/%252F")]
    [InlineData("/a/%FF", "/a/%FF", "/a/%FF")]
    [InlineData("/a/%25FF", "/a/%FF", "/a/%25FF")]
    [InlineData("/a/%C3%A9", "/a/\u00e9", "/a/%C3%A9")]
    [InlineData("/a/%C3%41%25", "/a/%C3A%", "/a/%C3A%25")]
    [InlineData("/a/%zz", "/a/%zz", "/a/%25zz")]
    [InlineData("/a/%", "/a/%", "/a/%25")]
    [InlineData("/a/%5C%20b", "/a/\\ b", "/a/%5C%20b")]
    [InlineData("/a/b/%2e%2e/%25", "/a/%", "/a/%25")]
    [InlineData("/a/..%2F%2541", "/a/..%2F%41", "/a/..%2F%2541")]
    public void Escape_DecodesOnceAsKestrelDoes_AndEscapesWhatTheClientMeant(string rawTarget, string kestrelPath, string expected)
    {
        Assert.Equal(expected, ClientPath.Escape(kestrelPath, rawTarget + "?q=%2541"));
    }

    [Theory]
    [InlineData("/a b/{x}", "/a%20b/%7Bx%7D")]
    [InlineData("/a/debug()", "/a/debug()")]
    [InlineData("/\u00e9", "/%C3%A9")]
    public void Escape_PathWithoutPercent_NeedsNoRawTarget(string kestrelPath, string expected)
    {
        Assert.Equal(expected, ClientPath.Escape(kestrelPath, rawTarget: null));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("http://host/a/%2541")]
    [InlineData("/rewritten/%2541")]
    public void Escape_RawTargetUnknownOrNotThisPath_TakesEveryPercentLiterally(string? rawTarget)
    {
        // One more layer of escaping at worst (%2F would arrive as %252F), never one less.
        Assert.Equal("/a/%2541%252F", ClientPath.Escape("/a/%41%2F", rawTarget));
    }

    [Fact]
    public void Escape_WithAPathBase_ReturnsThePartAfterIt()
    {
        Assert.Equal("/a/%2541", ClientPath.Escape("/a/%41", "/base/a/%2541", "/base"));
    }

    [Fact]
    public void Escape_AnyRawPath_IsWellFormed_AndMeansWhatTheRawPathMeans()
    {
        GeneratedCases.Check(ClientPaths.RelativePath, 5000, relative =>
        {
            var raw = "/" + relative;

            var escaped = EscapeAsKestrelDecodes(raw);

            Assert.Matches("^(/|%[0-9A-Fa-f]{2}|[A-Za-z0-9._~!$&'()*+,;=:@-])*$", escaped);
            Assert.Equal(ClientPaths.Meaning(raw), ClientPaths.Meaning(escaped));
        });
    }

    [Fact]
    public void Escape_OfAlreadyEscapedText_ChangesNothing()
    {
        GeneratedCases.Check(ClientPaths.RelativePath, 2000, relative =>
        {
            var escaped = EscapeAsKestrelDecodes("/" + relative);

            Assert.Equal(escaped, EscapeAsKestrelDecodes(escaped));
        });
    }

    /// <summary>The escaped client path of a raw target, given the path Kestrel decodes from it (the decoder mirrors Kestrel's).</summary>
    private static string EscapeAsKestrelDecodes(string rawTarget)
    {
        Assert.True(RawPathDecoder.TryDecode(rawTarget, out var kestrelPath, out _));
        return ClientPath.Escape(kestrelPath, rawTarget);
    }
}
