using System.Net;
using OcelotGateway.Security;

namespace OcelotGateway.Tests.Configuration;

public sealed class IpAddressRangeTests
{
    private static IpAddressRange Parse(string text)
    {
        Assert.True(IpAddressRange.TryParse(text, out var range), $"'{text}' should parse");
        return range;
    }

    [Theory]
    [InlineData("192.168.1.30", "192.168.1.30", true)]
    [InlineData("192.168.1.30", "192.168.1.31", false)]
    [InlineData("192.168.1.30-192.168.1.50", "192.168.1.50", true)]
    [InlineData("192.168.1.30-192.168.1.50", "192.168.1.51", false)]
    [InlineData("192.168.1.30-50", "192.168.1.35", true)]
    [InlineData("192.168.1.30-50", "192.168.2.35", false)]
    [InlineData("10.0.0.0/8", "10.255.255.255", true)]
    [InlineData("10.0.0.0/8", "11.0.0.0", false)]
    [InlineData("10.1.2.3/255.255.0.0", "10.1.200.7", true)]
    [InlineData("10.1.2.3/255.255.0.0", "10.2.0.1", false)]
    [InlineData("0.0.0.0/0", "203.0.113.9", true)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("::/0", "2001:db8::1", true)]
    [InlineData("::1", "::1", true)]
    [InlineData("2001:db8::1-2001:db8::ff", "2001:db8::80", true)]
    public void Contains_ComparesAgainstTheRange(string range, string address, bool expected)
    {
        Assert.Equal(expected, Parse(range).Contains(IPAddress.Parse(address)));
    }

    [Fact]
    public void Contains_MappedIPv6Client_MatchesIPv4Entry()
    {
        Assert.True(Parse("192.168.1.0/24").Contains(IPAddress.Parse("::ffff:192.168.1.20")));
        Assert.True(Parse("::ffff:192.168.1.20").Contains(IPAddress.Parse("192.168.1.20")));
    }

    [Fact]
    public void Contains_OtherAddressFamily_DoesNotMatch()
    {
        Assert.False(Parse("0.0.0.0/0").Contains(IPAddress.IPv6Loopback));
        Assert.False(Parse("::/0").Contains(IPAddress.Loopback));
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("10.1")]
    [InlineData("10.0.0.300")]
    [InlineData("localhost")]
    [InlineData("10.0.0.9-10.0.0.1")]
    [InlineData("10.0.0.1-256")]
    [InlineData("10.0.0.0/33")]
    [InlineData("2001:db8::/129")]
    [InlineData("10.0.0.0/255.0.255.0")]
    [InlineData("10.0.0.1-2001:db8::1")]
    public void TryParse_InvalidEntry_Fails(string text)
    {
        Assert.False(IpAddressRange.TryParse(text, out _));
    }

    [Fact]
    public void ToString_IsTheEntryAsWritten()
    {
        Assert.Equal("10.0.0.0/8", Parse(" 10.0.0.0/8 ").ToString());
    }
}
