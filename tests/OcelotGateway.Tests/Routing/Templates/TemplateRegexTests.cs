using System.Text.RegularExpressions;
using OcelotGateway.Routing.Templates;

namespace OcelotGateway.Tests.Routing.Templates;

public sealed class TemplateRegexTests
{
    [Theory]
    [InlineData("/api/{everything}")]
    [InlineData("/a/{x}/b/{y}")]
    [InlineData("/a/{x}.json/{y}")]
    [InlineData("/{x}/{y}/{z}")]
    [InlineData("/static/path")]
    public void IsLinearForBacktracking_PlaceholdersInSeparateSegments_IsTrue(string template)
    {
        Assert.True(TemplateRegex.IsLinearForBacktracking(template, TemplatePart.Split(template)));
    }

    [Theory]
    [InlineData("/x/{a}-{b}-{c}-{d}/z")]
    [InlineData("/a/{x}{y}")]
    [InlineData("/a/{x}?q={y}")]
    [InlineData("/a?{q}")]
    public void IsLinearForBacktracking_PlaceholdersSharingASegmentOrAQuery_IsFalse(string template)
    {
        Assert.False(TemplateRegex.IsLinearForBacktracking(template, TemplatePart.Split(template)));
    }

    [Fact]
    public void Create_NotLinear_KeepsTheNonBacktrackingEngine()
    {
        var regex = TemplateRegex.Create("^/x/[^/]+-[^/]+$", ignoreCase: true, backtrackingIsLinear: false);

        Assert.True(regex.Options.HasFlag(RegexOptions.NonBacktracking));
    }

    [Fact]
    public void Create_Linear_UsesTheInterpreterWithTheSameAnswers()
    {
        var regex = TemplateRegex.Create("^/api/.*$", ignoreCase: true, backtrackingIsLinear: true);

        Assert.False(regex.Options.HasFlag(RegexOptions.NonBacktracking));
        Assert.Matches(regex, "/API/json");
        Assert.DoesNotMatch(regex, "/apis/json");
    }
}
