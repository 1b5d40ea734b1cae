using System.Net;
using OcelotGateway.Configuration.File;
using OcelotGateway.Security;

namespace OcelotGateway.Tests.Security;

public sealed class IpFilterPolicyTests
{
    [Theory]
    [InlineData("192.168.1.35", true)]
    [InlineData("192.168.1.55", false)]
    [InlineData("192.168.1.200", false)]
    public void Permits_Scenario47_GlobalListsWithExclusion(string client, bool expected)
    {
        var policy = Compile(null, new FileSecurityOptions
        {
            IPAllowedList = ["192.168.1.30-50"],
            IPBlockedList = ["192.168.1.1-100"],
            ExcludeAllowedFromBlocked = true,
        });

        Assert.Equal(expected, policy.Permits(IPAddress.Parse(client)));
    }

    [Fact]
    public void Permits_AddressInBothLists_WithoutExclusion_IsRefused()
    {
        var policy = Compile(new FileSecurityOptions { IPAllowedList = ["10.0.0.0/8"], IPBlockedList = ["10.0.0.5"] }, null);

        Assert.False(policy.Permits(IPAddress.Parse("10.0.0.5")));
        Assert.True(policy.Permits(IPAddress.Parse("10.0.0.6")));
    }

    [Fact]
    public void Permits_BlockedListOnly_LetsEveryoneElseIn()
    {
        var policy = Compile(new FileSecurityOptions { IPBlockedList = ["2001:db8::/32"] }, null);

        Assert.False(policy.Permits(IPAddress.Parse("2001:db8::1")));
        Assert.True(policy.Permits(IPAddress.Parse("2001:db9::1")));
        Assert.True(policy.Permits(IPAddress.Loopback));
    }

    [Fact]
    public void Permits_IPv4MappedClient_MatchesIPv4Entries()
    {
        var policy = Compile(new FileSecurityOptions { IPAllowedList = ["127.0.0.1"] }, null);

        Assert.True(policy.Permits(IPAddress.Parse("::ffff:127.0.0.1")));
    }

    [Fact]
    public void Permits_UnknownClient_IsRefused()
    {
        Assert.False(Compile(new FileSecurityOptions { IPBlockedList = ["10.0.0.1"] }, null).Permits(null));
    }

    [Fact]
    public void Compile_RouteListsReplaceGlobal_GlobalUsedWhenRouteHasNone_NullWhenNeither()
    {
        var global = new FileSecurityOptions { IPBlockedList = ["192.168.1.55"] };
        var route = new FileSecurityOptions { IPAllowedList = ["192.168.1.55"] };

        Assert.True(Compile(route, global).Permits(IPAddress.Parse("192.168.1.55")));
        Assert.False(Compile(new FileSecurityOptions(), global).Permits(IPAddress.Parse("192.168.1.55")));
        Assert.Null(IpFilterPolicyCompiler.Compile(new FileSecurityOptions { ExcludeAllowedFromBlocked = true }, null));
        Assert.Null(IpFilterPolicyCompiler.Compile(null, null));
    }

    private static IpFilterPolicy Compile(FileSecurityOptions? route, FileSecurityOptions? global) =>
        IpFilterPolicyCompiler.Compile(route, global) ?? throw new InvalidOperationException("expected a policy");
}
