using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace OcelotGateway.Observability.Logging;

/// <summary>
/// The one redaction policy of the process's logs (see <see cref="LogRedactionOptions"/>): applied to every line by
/// <see cref="RedactingLoggerFactory"/> and, for lines written straight to Serilog, by <see cref="SensitivePropertyRedactor"/>.
/// </summary>
public sealed class LogRedactor
{
    public const string Redacted = "[redacted]";

    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _queryParameters;
    private readonly FrozenSet<string> _properties;

    public LogRedactor(IOptions<LogRedactionOptions> options)
        : this(options.Value)
    {
    }

    public LogRedactor(LogRedactionOptions options)
    {
        var queryParameters = options.QueryParameters is { Length: > 0 } configured ? configured : LogRedactionOptions.DefaultQueryParameters;
        var properties = options.Properties is { Length: > 0 } named ? named : LogRedactionOptions.DefaultProperties;
        _queryParameters = queryParameters.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        _properties = properties.Concat(queryParameters).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>A property of this name is written as <see cref="Redacted"/>, whatever its value.</summary>
    public bool IsSecretProperty(string name) => _properties.Contains(name.TrimStart('@', '$'));

    /// <summary>The value a property of this name is logged with: redacted whole, or with secret query values redacted.</summary>
    public object? RedactValue(string name, object? value) => value switch
    {
        null => null,
        _ when IsSecretProperty(name) => Redacted,
        string text => Redact(text),
        Uri uri => Redact(uri.OriginalString) is var redacted && !ReferenceEquals(redacted, uri.OriginalString) ? redacted : uri,
        _ => value,
    };

    /// <summary>True when <see cref="RedactValue"/> would change the value.</summary>
    public bool NeedsRedaction(string name, object? value) => value switch
    {
        null => false,
        _ when IsSecretProperty(name) => true,
        string text => QueryValueRedaction.Find(text, _queryParameters, out _, out _),
        Uri uri => QueryValueRedaction.Find(uri.OriginalString, _queryParameters, out _, out _),
        _ => false,
    };

    /// <summary>The text with the values of secret query parameters replaced; the same instance when there are none.</summary>
    public string Redact(string text) => QueryValueRedaction.Apply(text, _queryParameters);
}
