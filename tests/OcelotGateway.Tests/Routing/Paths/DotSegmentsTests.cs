using OcelotGateway.Routing.Paths;

namespace OcelotGateway.Tests.Routing.Paths;

public sealed class DotSegmentsTests
{
    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("%2e%2e")]
    [InlineData("%2E.")]
    [InlineData("..;jsessionid=1")]
    [InlineData(".;")]
    [InlineData("x/../y")]
    [InlineData("x\\..\\y")]
    [InlineData("x%2F..%2Fy")]
    [InlineData("x%2f%2e%2e")]
    [InlineData("..%5Cy")]
    [InlineData("x%5c.")]
    public void AnyFromValues_ValueMakingADotSegment_IsFound(string value)
    {
        var path = "/api/" + value;

        Assert.True(DotSegments.AnyFromValues(path, [5, path.Length]));
    }

    [Theory]
    [InlineData("...")]
    [InlineData("..a")]
    [InlineData("a..")]
    [InlineData("%252e%252e")]
    [InlineData(".%2e%2e")]
    [InlineData("x;..")]
    [InlineData("%2e%2e%41")]
    [InlineData("")]
    public void AnyFromValues_NoDotSegment_IsNotFound(string value)
    {
        var path = "/api/" + value;

        Assert.False(DotSegments.AnyFromValues(path, [5, path.Length]));
    }

    [Fact]
    public void AnyFromValues_DotSegmentOfTheTemplateAlone_IsNotTheValuesDoing()
    {
        const string path = "/api/../v/x";

        Assert.False(DotSegments.AnyFromValues(path, [10, 11]));
        Assert.False(DotSegments.AnyFromValues(path, [-1, -1]));
    }

    [Theory]
    [InlineData("/api/..", 5)]
    [InlineData("/api/..", 7)]
    [InlineData("/api/.", 6)]
    public void AnyFromValues_EmptyValueTouchingADotSegment_IsFound(string path, int position)
    {
        // "/api/{x}.." with x = "" leaves a ".." the template alone would not have.
        Assert.True(DotSegments.AnyFromValues(path, [position, position]));
    }
}
