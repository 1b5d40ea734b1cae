using Serilog.Core;
using Serilog.Events;

namespace OcelotGateway.Observability.Logging;

/// <summary>
/// A safety net behind the rule that credentials are never logged: a property named after a credential header
/// (<c>Authorization</c>, <c>Proxy-Authorization</c>, <c>Cookie</c>, <c>Set-Cookie</c>), whoever logs it, is written as
/// <c>[redacted]</c>. Nothing in the gateway logs headers; this covers libraries and future code.
/// </summary>
public sealed class SensitivePropertyRedactor : ILogEventEnricher
{
    public const string Redacted = "[redacted]";

    private static readonly string[] SensitiveNames = ["Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie"];

    private static readonly ScalarValue RedactedValue = new(Redacted);

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        List<string>? found = null;
        foreach (var name in logEvent.Properties.Keys)
        {
            if (IsSensitive(name))
            {
                (found ??= []).Add(name);
            }
        }

        if (found is null)
        {
            return;
        }

        foreach (var name in found)
        {
            logEvent.AddOrUpdateProperty(new LogEventProperty(name, RedactedValue));
        }
    }

    private static bool IsSensitive(string name)
    {
        foreach (var sensitive in SensitiveNames)
        {
            if (string.Equals(sensitive, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
