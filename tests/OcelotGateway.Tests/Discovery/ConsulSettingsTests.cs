using OcelotGateway.Configuration.File;
using OcelotGateway.Discovery;

namespace OcelotGateway.Tests.Discovery;

public sealed class ConsulSettingsTests
{
    private static readonly DiscoveryOptions Options = new();

    [Fact]
    public void From_NoProvider_UsesOcelotsDefaults_LocalhostPort8500_BlockingQueries()
    {
        var settings = ConsulSettings.From(null, Options)!;

        Assert.Equal(new Uri("http://localhost:8500/"), settings.Endpoint.BaseAddress);
        Assert.Null(settings.Endpoint.Token);
        Assert.True(settings.Schedule.Blocking);
        Assert.Equal(Options.BlockingWait, settings.Schedule.Wait);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("consul", true)]
    [InlineData("Consul", true)]
    [InlineData("POLLCONSUL", false)]
    [InlineData("PollConsul", false)]
    public void From_TypeSelectsBlockingOrPolling_CaseInsensitively(string? type, bool blocking) =>
        Assert.Equal(blocking, ConsulSettings.From(new FileServiceDiscoveryProvider { Type = type }, Options)!.Schedule.Blocking);

    [Theory]
    [InlineData("Eureka")]
    [InlineData("Kube")]
    public void From_OtherProviderTypes_AreNotSupported(string type)
    {
        Assert.False(ConsulSettings.IsSupported(new FileServiceDiscoveryProvider { Type = type }));
        Assert.Null(ConsulSettings.From(new FileServiceDiscoveryProvider { Type = type }, Options));
    }

    [Fact]
    public void From_ReadsAddressTokenNamespaceAndInterval()
    {
        var settings = ConsulSettings.From(
            new FileServiceDiscoveryProvider { Scheme = "HTTPS", Host = "consul", Port = 8501, Token = "secret", Namespace = "team-a", Type = "PollConsul", PollingInterval = 250 },
            Options)!;

        Assert.Equal(new Uri("https://consul:8501/"), settings.Endpoint.BaseAddress);
        Assert.Equal("secret", settings.Endpoint.Token);
        Assert.Equal("team-a", settings.Endpoint.Namespace);
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.Schedule.PollingInterval);
        Assert.DoesNotContain("secret", settings.Endpoint.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void From_PollingIntervalNotSet_DefaultsToOneSecond() =>
        Assert.Equal(TimeSpan.FromSeconds(1), ConsulSettings.From(new FileServiceDiscoveryProvider { Type = "PollConsul" }, Options)!.Schedule.PollingInterval);

    [Fact]
    public void EqualSettings_CompareEqual_SoRunningWatchersCanStay() =>
        Assert.Equal(
            ConsulSettings.From(new FileServiceDiscoveryProvider { Host = "consul", Port = 8500, Token = "t" }, Options),
            ConsulSettings.From(new FileServiceDiscoveryProvider { Host = "consul", Port = 8500, Token = "t" }, Options));
}
