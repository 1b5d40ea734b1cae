using System.Diagnostics;
using OcelotGateway.Observability;
using Serilog.Events;
using Serilog.Parsing;

namespace OcelotGateway.Tests.Observability;

public sealed class ReadableConsoleFormatterTests
{
    private static readonly MessageTemplate Template = new MessageTemplateParser().Parse("{Method} {Path} answered {StatusCode}");

    [Fact]
    public void Format_EventWithPropertiesAndTrace_OneLineWithMessageAndTraceIdOnly()
    {
        var trace = ActivityTraceId.CreateRandom();
        var logEvent = new LogEvent(
            new DateTimeOffset(2026, 1, 2, 12, 0, 1, TimeSpan.Zero),
            LogEventLevel.Information,
            exception: null,
            Template,
            [
                new LogEventProperty("Method", new ScalarValue("GET")),
                new LogEventProperty("Path", new ScalarValue("/stock/MSFT")),
                new LogEventProperty("StatusCode", new ScalarValue(200)),
                new LogEventProperty("SourceContext", new ScalarValue("OcelotGateway.Observability.RequestObservationStep")),
                new LogEventProperty("ConnectionId", new ScalarValue("0HNQGTKRKKGA2")),
            ],
            trace,
            ActivitySpanId.CreateRandom());
        using var output = new StringWriter();

        new ReadableConsoleFormatter().Format(logEvent, output);

        Assert.Equal($"[{logEvent.Timestamp.LocalDateTime:HH:mm:ss} INF] GET /stock/MSFT answered 200 (trace {trace.ToHexString()}){Environment.NewLine}", output.ToString());
    }

    [Fact]
    public void Format_MessageAlreadyShowingTheTraceId_DoesNotRepeatIt()
    {
        var trace = ActivityTraceId.CreateRandom();
        var logEvent = new LogEvent(
            DateTimeOffset.Now,
            LogEventLevel.Information,
            exception: null,
            new MessageTemplateParser().Parse("answered (request id {RequestId})"),
            [new LogEventProperty("RequestId", new ScalarValue(trace.ToHexString()))],
            trace,
            ActivitySpanId.CreateRandom());
        using var output = new StringWriter();

        new ReadableConsoleFormatter().Format(logEvent, output);

        Assert.EndsWith($"INF] answered (request id {trace.ToHexString()}){Environment.NewLine}", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Format_EventWithException_ExceptionFollowsOnItsOwnLines()
    {
        var logEvent = new LogEvent(DateTimeOffset.Now, LogEventLevel.Error, new InvalidOperationException("broken"), Template, []);
        using var output = new StringWriter();

        new ReadableConsoleFormatter().Format(logEvent, output);

        var lines = output.ToString().Split(Environment.NewLine);
        Assert.EndsWith("ERR] {Method} {Path} answered {StatusCode}", lines[0], StringComparison.Ordinal);
        Assert.Equal("System.InvalidOperationException: broken", lines[1]);
    }
}
