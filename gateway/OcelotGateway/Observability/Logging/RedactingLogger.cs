using Microsoft.Extensions.Logging;

namespace OcelotGateway.Observability.Logging;

/// <summary>
/// One category's logger of <see cref="RedactingLoggerFactory"/>. A line whose properties, exception messages and scopes hold
/// nothing secret is passed on untouched, without allocating; otherwise a redacted copy is.
/// </summary>
internal sealed class RedactingLogger : ILogger
{
    private readonly ILogger _inner;
    private readonly LogRedactor _redactor;

    public RedactingLogger(ILogger inner, LogRedactor redactor)
    {
        _inner = inner;
        _redactor = redactor;
    }

    public bool IsEnabled(LogLevel logLevel) => _inner.IsEnabled(logLevel);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => state switch
        {
            IEnumerable<KeyValuePair<string, object?>> properties => _inner.BeginScope(new RedactedScope(properties, _redactor)),
            string text => _inner.BeginScope(_redactor.Redact(text)),
            _ => _inner.BeginScope(state),
        };

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!_inner.IsEnabled(logLevel))
        {
            return;
        }

        var safeException = RedactedException.Of(exception, _redactor);
        if (state is IReadOnlyList<KeyValuePair<string, object?>> properties)
        {
            if (RedactedLogState<TState>.IsNeeded(state, properties, formatter, _redactor))
            {
                _inner.Log(logLevel, eventId, new RedactedLogState<TState>(state, properties, formatter, _redactor), safeException, RedactedLogState<TState>.Format);
                return;
            }
        }
        else if (formatter(state, null) is var message && !ReferenceEquals(_redactor.Redact(message), message))
        {
            // Not structured: only its text can be checked, and it is what gets written.
            _inner.Log(logLevel, eventId, _redactor.Redact(message), safeException, static (text, _) => text);
            return;
        }

        _inner.Log(logLevel, eventId, state, safeException, formatter);
    }
}
