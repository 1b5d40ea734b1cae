using Microsoft.Extensions.Logging;
using OcelotGateway.Observability.Logging;

namespace OcelotGateway.Tests.Observability.Logging;

public sealed partial class RedactingLoggerTests
{
    private readonly RecordingProvider _provider = new();
    private readonly ILogger _logger;

    public RedactingLoggerTests()
    {
        var factory = new RedactingLoggerFactory(
            LoggerFactory.Create(b => b.AddProvider(_provider).SetMinimumLevel(LogLevel.Trace)),
            ownsInner: true,
            new LogRedactor(new LogRedactionOptions()));
        _logger = factory.CreateLogger("Test");
    }

    [Fact]
    public void StructuredLine_SecretValues_AreRedacted_InPropertiesAndMessage_TemplateKept()
    {
        Proxying(_logger, "http://h/api?token=abc&page=2", "Bearer xyz");

        var line = Assert.Single(_provider.Lines);
        Assert.Equal("Proxying to http://h/api?token=[redacted]&page=2 with [redacted]", line.Message);
        Assert.Equal("http://h/api?token=[redacted]&page=2", line.Properties["TargetUrl"]);
        Assert.Equal(LogRedactor.Redacted, line.Properties["Authorization"]);
        Assert.Equal("Proxying to {TargetUrl} with {Authorization}", line.Properties["{OriginalFormat}"]);
    }

    [Fact]
    public void CleanLine_IsPassedOnUntouched()
    {
        Forwarded(_logger, "http://h/api?page=2&tokens=x");

        var line = Assert.Single(_provider.Lines);
        Assert.DoesNotContain("Redacted", line.StateType, StringComparison.Ordinal);
        Assert.Equal("Forwarded to http://h/api?page=2&tokens=x", line.Message);
    }

    [Fact]
    public void UnstructuredLine_IsRedactedAsText()
    {
        _logger.Log(LogLevel.Debug, default, "GET /p?password=hunter2", null, static (text, _) => text);

        Assert.Equal("GET /p?password=[redacted]", Assert.Single(_provider.Lines).Message);
    }

    [Fact]
    public void ExceptionMessage_WithASecret_IsLoggedRedacted_KeepingTypeAndStack()
    {
        Exception thrown;
        try
        {
            throw new InvalidOperationException("outer", new FormatException("Invalid request target: '/a?token=abc'"));
        }
        catch (InvalidOperationException ex)
        {
            thrown = ex;
        }

        _logger.LogWarning(thrown, "Bad request");

        var logged = Assert.Single(_provider.Lines).Exception!.ToString();
        Assert.DoesNotContain("abc", logged, StringComparison.Ordinal);
        Assert.Contains("System.FormatException: Invalid request target: '/a?token=[redacted]'", logged, StringComparison.Ordinal);
        Assert.Contains(nameof(ExceptionMessage_WithASecret_IsLoggedRedacted_KeepingTypeAndStack), logged, StringComparison.Ordinal);
    }

    [Fact]
    public void ExceptionWithoutSecret_IsLoggedAsItIs()
    {
        var exception = new InvalidOperationException("plain");

        _logger.LogWarning(exception, "Failed");

        Assert.Same(exception, Assert.Single(_provider.Lines).Exception);
    }

    [Fact]
    public void ScopeValues_AreRedactedWhenRead_AndStayLive()
    {
        var scope = new Dictionary<string, object?> { ["Url"] = "/p?sig=abc", ["Cookie"] = "sid=1" };
        using (_logger.BeginScope(scope))
        {
            scope["Late"] = "/q?code=late";
            _logger.LogInformation("Inside");
        }

        var line = Assert.Single(_provider.Lines);
        Assert.Equal("/p?sig=[redacted]", line.Properties["Url"]);
        Assert.Equal(LogRedactor.Redacted, line.Properties["Cookie"]);
        Assert.Equal("/q?code=[redacted]", line.Properties["Late"]);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Proxying to {TargetUrl} with {Authorization}")]
    private static partial void Proxying(ILogger logger, string targetUrl, string authorization);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Forwarded to {TargetUrl}")]
    private static partial void Forwarded(ILogger logger, string targetUrl);

    private sealed record Line(string Message, string StateType, Dictionary<string, string?> Properties, Exception? Exception);

    /// <summary>Records what a provider receives: rendered message, state properties and scope properties.</summary>
    private sealed class RecordingProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public List<Line> Lines { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(RecordingProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => owner._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

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

                owner._scopes.ForEachScope(
                    (scope, target) =>
                    {
                        if (scope is IEnumerable<KeyValuePair<string, object?>> scopePairs)
                        {
                            foreach (var (key, value) in scopePairs)
                            {
                                target.TryAdd(key, value?.ToString());
                            }
                        }
                    },
                    properties);
                owner.Lines.Add(new Line(formatter(state, exception), typeof(TState).Name, properties, exception));
            }
        }
    }
}
