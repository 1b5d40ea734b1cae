using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>Keeps every Serilog event; registered as a service, the gateway's Serilog set-up picks it up as a sink.</summary>
public sealed class CapturingSerilogSink : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyCollection<LogEvent> Events => _events;

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);
}
