using CsCheck;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OcelotGateway.Administration.Console;
using OcelotGateway.Bounds;
using OcelotGateway.Configuration.Reload;
using OcelotGateway.Observability;
using OcelotGateway.Resilience;

namespace OcelotGateway.Tests.Administration;

/// <summary>The console's request and error rates, computed from the gateway's own metric totals between two readings.</summary>
public sealed class TrafficSamplerTests
{
    private const string Seed = "0aRt1mnB3kQe";

    private const string Routes = """
        { "Routes": [
          { "Key": "orders", "UpstreamPathTemplate": "/orders", "DownstreamPathTemplate": "/o", "DownstreamHostAndPorts": [ { "Host": "o", "Port": 1 } ] },
          { "UpstreamPathTemplate": "/stock/{x}", "DownstreamPathTemplate": "/s", "DownstreamHostAndPorts": [ { "Host": "s", "Port": 1 } ] }
        ] }
        """;

    [Fact]
    public void Read_FirstReadingHasTotalsOnly_LaterOnesRatesOverTheTimeBetween()
    {
        var (metrics, time, routes) = Setup();
        var sampler = new TrafficSampler(metrics, time);
        metrics.RequestCompleted(routes[0], "GET", 200, 0.01);

        var first = sampler.Read();
        for (var i = 0; i < 30; i++)
        {
            metrics.RequestCompleted(routes[0], "GET", i < 6 ? 503 : 200, 0.01);
        }

        metrics.CacheLookup(routes[0], hit: true);
        metrics.CacheLookup(routes[0], hit: false);
        time.Advance(TimeSpan.FromSeconds(10));
        var second = sampler.Read();

        var before = Assert.Single(first.Routes, r => r.Route == "orders");
        Assert.Null(first.WindowSeconds);
        Assert.Equal(1, before.Requests);
        Assert.Null(before.RequestsPerSecond);
        var after = Assert.Single(second.Routes, r => r.Route == "orders");
        Assert.Equal(10, second.WindowSeconds);
        Assert.Equal(31, after.Requests);
        Assert.Equal(3, after.RequestsPerSecond);
        Assert.Equal(0.2, after.ErrorRatio);
        Assert.Equal(6, after.ServerErrors);
        Assert.Equal(0.5, after.CacheHitRatio);
    }

    [Fact]
    public void Read_ManyRefreshes_RatesCoverAtMostTheWindowAndReadingsStayBounded()
    {
        Gen.Select(Gen.Int[0, 400].Array[1, 300], Gen.Int[0, 5].Array[300]).Sample((gapsMs, requests) =>
        {
            var (metrics, time, routes) = Setup();
            var sampler = new TrafficSampler(metrics, time);
            for (var i = 0; i < gapsMs.Length; i++)
            {
                for (var r = 0; r < requests[i]; r++)
                {
                    metrics.RequestCompleted(routes[1], "GET", 200, 0.01);
                }

                time.Advance(TimeSpan.FromMilliseconds(gapsMs[i] * 10));
                var report = sampler.Read();

                Assert.True(report.WindowSeconds is null or > 0);
                // The baseline is the last reading before the window: older by at most one spacing (a refresh gap plus a second).
                Assert.True(report.WindowSeconds is null || report.WindowSeconds <= TrafficSampler.Window.TotalSeconds + 5, $"window {report.WindowSeconds}");
                var stock = report.Routes.SingleOrDefault(r => r.Route == "/stock/{x}");
                Assert.True(stock is null || stock.RequestsPerSecond is null || stock.RequestsPerSecond >= 0);
            }
        }, seed: Seed, iter: 200);
    }

    [Fact]
    public void Read_TwiceWithinASecond_SharesOneReading()
    {
        var (metrics, time, routes) = Setup();
        var sampler = new TrafficSampler(metrics, time);
        sampler.Read();
        time.Advance(TimeSpan.FromSeconds(2));
        var first = sampler.Read();
        metrics.RequestCompleted(routes[0], "GET", 200, 0.01);
        time.Advance(TimeSpan.FromMilliseconds(400));

        var second = sampler.Read();

        Assert.Equal(first.At, second.At);
        Assert.DoesNotContain(second.Routes, r => r.Route == "orders");
    }

    private static (GatewayMetrics Metrics, FakeTimeProvider Time, global::OcelotGateway.Configuration.Compilation.CompiledRoute[] Routes) Setup()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var breakers = new CircuitBreakerRegistry(time, NullLogger<CircuitBreakerRegistry>.Instance);
        var metrics = new GatewayMetrics(new GatewayConfigurationState(), breakers, new CapacityGuards(time, NullLogger<CapacityGuard>.Instance));
        var compiled = new global::OcelotGateway.Configuration.Compilation.ConfigurationCompiler(breakers, new RetryRegistry(time))
            .Compile(new global::OcelotGateway.Configuration.Loading.RouteFileLoader().LoadJson(Routes, "test.json"), 1);
        return (metrics, time, [.. compiled.Routes]);
    }
}
