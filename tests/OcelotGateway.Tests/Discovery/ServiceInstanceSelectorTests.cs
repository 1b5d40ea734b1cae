using OcelotGateway.Discovery;
using OcelotGateway.Discovery.Consul;

namespace OcelotGateway.Tests.Discovery;

public sealed class ServiceInstanceSelectorTests
{
    [Fact]
    public void Select_UsesTheServiceAddress_NotTheNodeName()
    {
        var selected = ServiceInstanceSelector.Select([Entry("stock-1", serviceAddress: "10.0.0.5", port: 8080, node: "node-a", nodeAddress: "10.0.0.1")], []);

        Assert.Equal(new ServiceInstance("stock-1", "10.0.0.5", 8080), Assert.Single(selected));
    }

    [Fact]
    public void Select_EmptyServiceAddress_FallsBackToTheNodeAddress()
    {
        var selected = ServiceInstanceSelector.Select([Entry("stock-1", serviceAddress: "", port: 8080, nodeAddress: "10.0.0.1")], []);

        Assert.Equal("10.0.0.1", Assert.Single(selected).Host);
    }

    [Theory]
    [InlineData("http://10.0.0.5", 8080, "URL")]
    [InlineData("HTTPS://svc", 8080, "URL")]
    [InlineData("10.0.0.5", 0, "port")]
    [InlineData("10.0.0.5", -1, "port")]
    public void Select_UnusableEntries_AreSkippedWithTheReason(string address, int port, string reasonMentions)
    {
        var skipped = new List<(string Id, string Reason)>();

        var selected = ServiceInstanceSelector.Select([Entry("bad", serviceAddress: address, port: port), Entry("good", port: 81)], skipped);

        Assert.Equal("good", Assert.Single(selected).Id);
        var (id, reason) = Assert.Single(skipped);
        Assert.Equal("bad", id);
        Assert.Contains(reasonMentions, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_NoAddressAnywhere_IsSkipped()
    {
        var skipped = new List<(string Id, string Reason)>();

        Assert.Empty(ServiceInstanceSelector.Select([Entry("lost", serviceAddress: null, port: 80, nodeAddress: null)], skipped));
        Assert.Single(skipped);
    }

    [Fact]
    public void Select_EntryWithAFailingCheck_IsLeftOut()
    {
        var selected = ServiceInstanceSelector.Select([Entry("ok", port: 80), Entry("sick", port: 81, status: "critical"), Entry("meh", port: 82, status: "warning")], []);

        Assert.Equal("ok", Assert.Single(selected).Id);
    }

    [Fact]
    public void Select_OrdersById_AndKeepsIdsUniqueAcrossNodes()
    {
        var selected = ServiceInstanceSelector.Select(
            [Entry("web", port: 82, node: "node-b"), Entry("api", port: 80), Entry("web", port: 81, node: "node-a")],
            []);

        Assert.Equal(["api", "web", "web@node-a"], selected.Select(i => i.Id));
    }

    private static ConsulHealthEntry Entry(
        string id,
        string? serviceAddress = "127.0.0.1",
        int port = 80,
        string node = "node-1",
        string? nodeAddress = "10.9.9.9",
        string status = "passing") => new()
    {
        Node = new ConsulHealthEntry.NodeInfo { Node = node, Address = nodeAddress },
        Service = new ConsulHealthEntry.ServiceInfo { ID = id, Service = "svc", Address = serviceAddress, Port = port },
        Checks = [new ConsulHealthEntry.CheckInfo { CheckID = "serfHealth", Status = "passing" }, new ConsulHealthEntry.CheckInfo { CheckID = "service:" + id, Status = status }],
    };
}
