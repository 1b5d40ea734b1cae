using OcelotGateway.Transforms;

namespace OcelotGateway.Tests.Transforms;

public sealed class HeaderTransformTests
{
    [Fact]
    public void Parse_ValueWithComma_IsFindAndReplace()
    {
        var transform = HeaderTransform.Parse("Location", "{DownstreamBaseUrl}, {BaseUrl}");

        Assert.Equal(HeaderTransformKind.FindAndReplace, transform.Kind);
        Assert.Equal("{DownstreamBaseUrl}", transform.Value);
        Assert.Equal("{BaseUrl}", transform.Replacement);
    }

    [Fact]
    public void Parse_ValueWithoutComma_IsSet()
    {
        var transform = HeaderTransform.Parse("X-Forwarded-For", "{RemoteIpAddress}");

        Assert.Equal(HeaderTransformKind.Set, transform.Kind);
        Assert.Equal("{RemoteIpAddress}", transform.Value);
    }
}
