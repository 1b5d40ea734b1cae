using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace OcelotGateway.Observability;

/// <summary>
/// One human-readable console line per event for development: time, level, the rendered message and, when the line belongs to
/// a traced request, its trace id. Structured properties are left to the JSON output, where a log store can query them;
/// appended here they would triple the line. Exceptions follow on the lines below.
/// A named formatter lets appsettings.Development.json swap the production JSON formatter for this one by overriding a
/// single value, which configuration layering can do (it cannot remove keys).
/// </summary>
public sealed class ReadableConsoleFormatter : ITextFormatter
{
    private readonly MessageTemplateTextFormatter _line = new(
        "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}",
        System.Globalization.CultureInfo.InvariantCulture);

    private readonly MessageTemplateTextFormatter _exception = new("{Exception}", System.Globalization.CultureInfo.InvariantCulture);

    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);
        using var line = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        _line.Format(logEvent, line);
        var text = line.ToString();
        output.Write(text);

        // A request id made by the gateway is the trace id; the request's own line already shows it then.
        if (logEvent.TraceId is { } traceId && traceId.ToHexString() is var trace && !text.Contains(trace, StringComparison.Ordinal))
        {
            output.Write(" (trace ");
            output.Write(trace);
            output.Write(')');
        }

        output.WriteLine();
        _exception.Format(logEvent, output);
    }
}
