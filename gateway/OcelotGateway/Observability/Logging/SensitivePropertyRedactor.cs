using Serilog.Core;
using Serilog.Events;

namespace OcelotGateway.Observability.Logging;

/// <summary>
/// Applies the log redaction policy (<see cref="LogRedactor"/>) to events written straight to Serilog, which do not pass
/// through <see cref="RedactingLoggerFactory"/>: a property with a secret name is written as <c>[redacted]</c>, and secret
/// query values inside text properties (nested ones included) are redacted.
/// </summary>
public sealed class SensitivePropertyRedactor : ILogEventEnricher
{
    private static readonly ScalarValue RedactedValue = new(LogRedactor.Redacted);

    private readonly LogRedactor _redactor;

    public SensitivePropertyRedactor(LogRedactor redactor)
    {
        _redactor = redactor;
    }

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        List<LogEventProperty>? changed = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            var redacted = _redactor.IsSecretProperty(name) ? RedactedValue : Redact(value);
            if (!ReferenceEquals(redacted, value))
            {
                (changed ??= []).Add(new LogEventProperty(name, redacted));
            }
        }

        if (changed is null)
        {
            return;
        }

        foreach (var property in changed)
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }

    /// <summary>The value with secret query values redacted; the same instance when nothing changed.</summary>
    private LogEventPropertyValue Redact(LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue { Value: string text }:
                var redacted = _redactor.Redact(text);
                return ReferenceEquals(redacted, text) ? value : new ScalarValue(redacted);
            case ScalarValue { Value: Uri uri }:
                var redactedUri = _redactor.Redact(uri.OriginalString);
                return ReferenceEquals(redactedUri, uri.OriginalString) ? value : new ScalarValue(redactedUri);
            case SequenceValue sequence:
                var elements = sequence.Elements.Select(Redact).ToList();
                return elements.SequenceEqual(sequence.Elements, ReferenceEqualityComparer.Instance) ? value : new SequenceValue(elements);
            case StructureValue structure:
                var properties = structure.Properties
                    .Select(p => _redactor.IsSecretProperty(p.Name) ? new LogEventProperty(p.Name, RedactedValue) : new LogEventProperty(p.Name, Redact(p.Value)))
                    .ToList();
                return properties.Select(p => p.Value).SequenceEqual(structure.Properties.Select(p => p.Value), ReferenceEqualityComparer.Instance)
                    ? value
                    : new StructureValue(properties, structure.TypeTag);
            case DictionaryValue dictionary:
                var entries = dictionary.Elements.ToDictionary(
                    e => e.Key,
                    e => e.Key.Value is string key && _redactor.IsSecretProperty(key) ? RedactedValue : Redact(e.Value));
                return entries.All(e => ReferenceEquals(e.Value, dictionary.Elements[e.Key])) ? value : new DictionaryValue(entries);
            default:
                return value;
        }
    }
}
