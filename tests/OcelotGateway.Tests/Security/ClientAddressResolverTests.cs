using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OcelotGateway.Security;

namespace OcelotGateway.Tests.Security;

public sealed class ClientAddressResolverTests
{
    [Fact]
    public void Resolve_NoTrustedProxies_IgnoresForwardedFor()
    {
        Assert.Equal("10.0.0.9", Resolve([], "10.0.0.9", "203.0.113.7"));
    }

    [Fact]
    public void Resolve_FromUntrustedConnection_IgnoresForwardedFor()
    {
        Assert.Equal("10.0.0.9", Resolve(["10.0.0.1"], "10.0.0.9", "203.0.113.7"));
    }

    [Fact]
    public void Resolve_BehindTrustedProxies_TakesRightMostUntrustedEntry()
    {
        // The client wrote a fake first entry; our two proxies appended the real client and the first proxy.
        Assert.Equal("198.51.100.4", Resolve(["10.0.0.0/8"], "10.0.0.2", "1.2.3.4, 198.51.100.4, 10.0.0.1"));
    }

    [Fact]
    public void Resolve_SeveralHeaderValues_AreOneList()
    {
        Assert.Equal("198.51.100.4", Resolve(["10.0.0.0/8"], "10.0.0.2", "1.2.3.4", "198.51.100.4", "10.0.0.1"));
    }

    [Fact]
    public void Resolve_GarbageEntry_StopsAtTheLastTrustedHop()
    {
        Assert.Equal("10.0.0.1", Resolve(["10.0.0.0/8"], "10.0.0.2", "not-an-ip, 10.0.0.1"));
    }

    [Fact]
    public void Resolve_TrustedProxyWithoutHeader_IsTheClient()
    {
        Assert.Equal("10.0.0.2", Resolve(["10.0.0.0/8"], "10.0.0.2"));
    }

    private static string? Resolve(string[] trusted, string remote, params string[] forwardedFor)
    {
        var resolver = new ClientAddressResolver(Options.Create(new ClientAddressOptions { TrustedProxies = [.. trusted] }));
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (forwardedFor.Length > 0)
        {
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        }

        return resolver.Resolve(context)?.ToString();
    }
}
