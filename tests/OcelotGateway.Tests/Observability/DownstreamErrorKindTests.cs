using System.Net.Http;
using System.Net.Sockets;
using OcelotGateway.Observability;
using Yarp.ReverseProxy.Forwarder;

namespace OcelotGateway.Tests.Observability;

public sealed class DownstreamErrorKindTests
{
    [Fact]
    public void From_ConnectionRefused_IsConnect() =>
        Assert.Equal("connect", DownstreamErrorKind.From(
            ForwarderError.Request,
            new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused))));

    [Fact]
    public void From_RequestFailedAfterConnecting_IsTransport() =>
        Assert.Equal("transport", DownstreamErrorKind.From(ForwarderError.Request, new HttpRequestException(HttpRequestError.ResponseEnded, "ended")));

    [Theory]
    [InlineData(ForwarderError.RequestTimedOut, "timeout")]
    [InlineData(ForwarderError.NoAvailableDestinations, "no_destination")]
    [InlineData(ForwarderError.ResponseBodyDestination, "transport")]
    [InlineData(ForwarderError.RequestCreation, "other")]
    public void From_ForwarderError_MapsToBoundedKind(ForwarderError error, string kind) =>
        Assert.Equal(kind, DownstreamErrorKind.From(error, null));
}
