using System.Collections;

namespace OcelotGateway.Observability.Logging;

/// <summary>
/// A structured log state with its values redacted. Keys, the message template (<c>{OriginalFormat}</c>) and their order stay,
/// so Serilog and every provider render and index the line as they would the original.
/// </summary>
internal sealed class RedactedLogState<TState> : IReadOnlyList<KeyValuePair<string, object?>>
{
    private const string OriginalFormat = "{OriginalFormat}";

    private readonly TState _state;
    private readonly IReadOnlyList<KeyValuePair<string, object?>> _original;
    private readonly KeyValuePair<string, object?>[] _redacted;
    private readonly Func<TState, Exception?, string> _formatter;
    private readonly LogRedactor _redactor;

    public RedactedLogState(TState state, IReadOnlyList<KeyValuePair<string, object?>> original, Func<TState, Exception?, string> formatter, LogRedactor redactor)
    {
        _state = state;
        _original = original;
        _formatter = formatter;
        _redactor = redactor;
        _redacted = new KeyValuePair<string, object?>[original.Count];
        for (var i = 0; i < _redacted.Length; i++)
        {
            var (key, value) = original[i];
            _redacted[i] = key == OriginalFormat ? original[i] : new(key, redactor.RedactValue(key, value));
        }
    }

    public int Count => _redacted.Length;

    public KeyValuePair<string, object?> this[int index] => _redacted[index];

    /// <summary>
    /// Whether a line needs redacting: a value does, or the line has no message template (so its text is not made of its
    /// values alone) and its text does.
    /// </summary>
    public static bool IsNeeded(TState state, IReadOnlyList<KeyValuePair<string, object?>> properties, Func<TState, Exception?, string> formatter, LogRedactor redactor)
    {
        var hasTemplate = false;
        for (var i = 0; i < properties.Count; i++)
        {
            var (key, value) = properties[i];
            if (key == OriginalFormat)
            {
                hasTemplate = true;
            }
            else if (redactor.NeedsRedaction(key, value))
            {
                return true;
            }
        }

        return !hasTemplate && formatter(state, null) is var text && !ReferenceEquals(redactor.Redact(text), text);
    }

    /// <summary>The original message with what was redacted in the values redacted in the text too.</summary>
    public static string Format(RedactedLogState<TState> redacted, Exception? exception)
    {
        var text = redacted._formatter(redacted._state, exception);
        for (var i = 0; i < redacted._redacted.Length; i++)
        {
            if (redacted._redacted[i].Value is LogRedactor.Redacted
                && redacted._original[i].Value?.ToString() is { Length: > 0 } secret
                && secret != LogRedactor.Redacted)
            {
                text = text.Replace(secret, LogRedactor.Redacted, StringComparison.Ordinal);
            }
        }

        return redacted._redactor.Redact(text);
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_redacted).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Format(this, null);
}
