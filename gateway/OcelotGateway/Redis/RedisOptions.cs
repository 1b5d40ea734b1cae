using System.ComponentModel.DataAnnotations;

namespace OcelotGateway.Redis;

/// <summary>
/// Shared Redis for every gateway instance of a fleet (section <c>Gateway:Redis</c>). Without a configuration string,
/// rate-limit counters and the response cache stay in each process, as in Ocelot.
/// </summary>
public sealed class RedisOptions
{
    public const string SectionName = "Gateway:Redis";

    /// <summary>StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c> or <c>redis:6379,password=...</c>.</summary>
    public string? Configuration { get; set; }

    /// <summary>Longest a request waits for Redis before the gateway falls back to in-process state for it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Key prefix for everything the gateway stores, so one Redis can serve several fleets.</summary>
    [Required(AllowEmptyStrings = false)]
    public string KeyPrefix { get; set; } = "ocelot-gateway:";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Configuration);
}
