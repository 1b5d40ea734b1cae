using Microsoft.Extensions.Logging;

namespace OcelotGateway.Discovery.Consul;

/// <summary>
/// Logs a Consul outage once, not once per call or per watcher: a warning when the first watcher of one Consul agent starts
/// failing, and one message when the last failing watcher succeeds again. Watchers keep serving their last known answer in
/// between.
/// </summary>
internal sealed partial class ConsulOutageLog
{
    private readonly ILogger _logger;
    private readonly ConsulEndpoint _endpoint;
    private readonly HashSet<string> _failing = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();

    public ConsulOutageLog(ILogger logger, ConsulEndpoint endpoint)
    {
        _logger = logger;
        _endpoint = endpoint;
    }

    /// <param name="watcher">What failed, e.g. <c>service stock</c>.</param>
    public void Failed(string watcher, Exception exception, TimeSpan retryIn)
    {
        lock (_sync)
        {
            if (!_failing.Add(watcher) || _failing.Count > 1)
            {
                return;
            }
        }

        Log.Unreachable(_logger, _endpoint.ToString(), watcher, exception.GetType().Name, exception.Message, retryIn.TotalSeconds);
    }

    public void Succeeded(string watcher)
    {
        lock (_sync)
        {
            if (!_failing.Remove(watcher) || _failing.Count > 0)
            {
                return;
            }
        }

        Log.Recovered(_logger, _endpoint.ToString());
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 800, Level = LogLevel.Warning,
            Message = "Consul at {Consul} cannot be used ({Watcher}: {ExceptionType}: {ExceptionMessage}); the last known instances and configuration keep serving, retrying in {RetrySeconds} s with back-off")]
        public static partial void Unreachable(ILogger logger, string consul, string watcher, string exceptionType, string exceptionMessage, double retrySeconds);

        [LoggerMessage(EventId = 801, Level = LogLevel.Information, Message = "Consul at {Consul} answers again; watching resumed")]
        public static partial void Recovered(ILogger logger, string consul);
    }
}
