using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace OcelotGateway.Observability;

/// <summary>
/// Human-readable console lines for development, with the trace and span id when the line belongs to a traced request.
/// A named formatter lets appsettings.Development.json swap the production JSON formatter for this one by overriding a
/// single value, which configuration layering can do (it cannot remove keys).
/// </summary>
public sealed class ReadableConsoleFormatter : ITextFormatter
{
    private readonly MessageTemplateTextFormatter _line = new(
        "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}",
        System.Globalization.CultureInfo.InvariantCulture);

    private readonly MessageTemplateTextFormatter _exception = new("{Exception}", System.Globalization.CultureInfo.InvariantCulture);

    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);
        _line.Format(logEvent, output);
        if (logEvent.TraceId is { } traceId)
        {
            output.Write(" trace ");
            output.Write(traceId.ToHexString());
            if (logEvent.SpanId is { } spanId)
            {
                output.Write(" span ");
                output.Write(spanId.ToHexString());
            }
        }

        output.WriteLine();
        _exception.Format(logEvent, output);
    }
}
