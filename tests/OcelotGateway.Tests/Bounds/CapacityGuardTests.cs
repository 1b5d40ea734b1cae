using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OcelotGateway.Bounds;

namespace OcelotGateway.Tests.Bounds;

public sealed class CapacityGuardTests
{
    [Fact]
    public void Overflowed_CountsEveryOverflow_ButLogsAtMostOncePerInterval_WithTheCountSinceTheLastLine()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logger = new ListLogger();
        var guard = new CapacityGuards(time, logger).For("rate_limit_counters", "Gateway:RateLimiting:MaxCounters", 100, "evicted");

        for (var i = 0; i < 1000; i++)
        {
            guard.Overflowed();
        }

        time.Advance(CapacityGuard.LogInterval);
        guard.Overflowed(5);

        Assert.Equal(1005, guard.Overflows);
        Assert.Equal(2, logger.Lines.Count);
        Assert.Contains("rate_limit_counters reached its bound of 100 (Gateway:RateLimiting:MaxCounters); 1 overflow", logger.Lines[0], StringComparison.Ordinal);
        Assert.Contains("; 1004 overflow(s) since the last report", logger.Lines[1], StringComparison.Ordinal);
    }

    private sealed class ListLogger : ILogger<CapacityGuard>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
