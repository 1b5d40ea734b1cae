using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>Keeps every log entry (message, structured properties and scope properties) so tests can check what operators see.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<CapturedLog> Entries => _entries;

    /// <summary>Entries with <paramref name="eventId"/> after the first <paramref name="seen"/> (a count of <see cref="Entries"/> taken earlier).</summary>
    public int CountSince(int seen, int eventId) => _entries.Skip(seen).Count(e => e.EventId == eventId);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    properties[key] = value?.ToString();
                }
            }

            // As in Serilog: the event's own properties win over scope properties, and inner scopes over outer ones.
            var scopes = new List<object?>();
            owner._scopes.ForEachScope((scope, list) => list.Add(scope), scopes);
            for (var i = scopes.Count - 1; i >= 0; i--)
            {
                if (scopes[i] is IEnumerable<KeyValuePair<string, object>> scopePairs)
                {
                    foreach (var (key, value) in scopePairs)
                    {
                        properties.TryAdd(key, value?.ToString());
                    }
                }
            }

            owner._entries.Enqueue(new CapturedLog(category, logLevel, eventId.Id, formatter(state, exception), properties, exception));
        }
    }
}
