using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OcelotGateway.Observability.Logging;

/// <summary>
/// Wraps the host's logger factory so that every logger the process creates, the framework's included (Kestrel's "Request
/// starting", YARP's "Proxying to"), applies the redaction policy before any provider or Serilog sink sees a line.
/// </summary>
internal sealed class RedactingLoggerFactory : ILoggerFactory
{
    private readonly ILoggerFactory _inner;
    private readonly bool _ownsInner;
    private readonly LogRedactor _redactor;
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    public RedactingLoggerFactory(ILoggerFactory inner, bool ownsInner, LogRedactor redactor)
    {
        _inner = inner;
        _ownsInner = ownsInner;
        _redactor = redactor;
    }

    public ILogger CreateLogger(string categoryName) =>
        _loggers.GetOrAdd(categoryName, static (name, factory) => new RedactingLogger(factory._inner.CreateLogger(name), factory._redactor), this);

    public void AddProvider(ILoggerProvider provider) => _inner.AddProvider(provider);

    public void Dispose()
    {
        if (_ownsInner)
        {
            _inner.Dispose();
        }
    }
}
