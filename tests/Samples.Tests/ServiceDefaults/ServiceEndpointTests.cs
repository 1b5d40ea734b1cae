using System.Net;
using Samples.ServiceDefaults.Consul;

namespace Samples.Tests.ServiceDefaults;

public sealed class ServiceEndpointTests
{
    [Fact]
    public void Resolve_LoopbackBinding_UsesTheBoundAddressAndPort()
    {
        var endpoint = ServiceEndpoint.Resolve(["http://127.0.0.1:5101"], new ConsulRegistrationOptions());

        Assert.Equal(new ServiceEndpoint("http", "127.0.0.1", 5101), endpoint);
        Assert.Equal("http://127.0.0.1:5101/health/ready", endpoint!.HealthUrl("/health/ready").ToString());
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://[::]:8080")]
    [InlineData("http://+:8080")]
    public void Resolve_AllInterfaces_UsesTheHostName(string bound)
    {
        var endpoint = ServiceEndpoint.Resolve([bound], new ConsulRegistrationOptions());

        Assert.Equal(Dns.GetHostName(), endpoint!.Address);
        Assert.Equal(8080, endpoint.Port);
    }

    [Fact]
    public void Resolve_Overrides_WinOverTheBinding_AndHttpIsPreferred()
    {
        var endpoint = ServiceEndpoint.Resolve(
            ["https://0.0.0.0:8443", "http://0.0.0.0:8080"], new ConsulRegistrationOptions { ServiceAddress = "stock", ServicePort = 80 });

        Assert.Equal(new ServiceEndpoint("http", "stock", 80), endpoint);
    }

    [Fact]
    public void Resolve_IPv6Loopback_BracketsOnlyInTheCheckUrl()
    {
        var endpoint = ServiceEndpoint.Resolve(["http://[::1]:5101"], new ConsulRegistrationOptions());

        Assert.Equal("::1", endpoint!.Address);
        Assert.Equal("http://[::1]:5101/health/ready", endpoint.HealthUrl("/health/ready").ToString());
    }

    [Theory]
    [InlineData("stock", "127.0.0.1", 5101, "stock-127.0.0.1-5101")]
    [InlineData("Stock", "Build-Host_7", 8080, "stock-build-host-7-8080")]
    [InlineData("stock", "::1", 5101, "stock---1-5101")]
    public void RegistrationId_IsNameAddressAndPort_SameForEveryRestartOnThatAddress(string name, string address, int port, string expected)
    {
        var endpoint = new ServiceEndpoint("http", address, port);

        Assert.Equal(expected, endpoint.RegistrationId(name));
        Assert.Equal(endpoint.RegistrationId(name), new ServiceEndpoint("https", address, port).RegistrationId(name));
        Assert.NotEqual(endpoint.RegistrationId(name), new ServiceEndpoint("http", address, port + 1).RegistrationId(name));
    }

    [Fact]
    public void Resolve_NoAddress_ReturnsNull() => Assert.Null(ServiceEndpoint.Resolve([], new ConsulRegistrationOptions()));

    [Theory]
    [InlineData(10_000, "10s")]
    [InlineData(60_000, "60s")]
    [InlineData(1_500, "1500ms")]
    [InlineData(200, "200ms")]
    public void GoDuration_Format_WritesWholeSecondsOrMilliseconds(int milliseconds, string expected) =>
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));
}
