using Microsoft.Extensions.Logging;

namespace OcelotGateway.IntegrationTests.Infrastructure;

public sealed record CapturedLog(
    string Category,
    LogLevel Level,
    int EventId,
    string Message,
    IReadOnlyDictionary<string, string?> Properties,
    Exception? Exception);
