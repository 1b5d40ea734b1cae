using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace OcelotGateway.Observability;

/// <summary>
/// Human-readable console lines for development. A named formatter lets appsettings.Development.json swap the production
/// JSON formatter for this one by overriding a single value, which configuration layering can do (it cannot remove keys).
/// </summary>
public sealed class ReadableConsoleFormatter : ITextFormatter
{
    private readonly MessageTemplateTextFormatter _inner = new(
        "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}",
        System.Globalization.CultureInfo.InvariantCulture);

    public void Format(LogEvent logEvent, TextWriter output) => _inner.Format(logEvent, output);
}
