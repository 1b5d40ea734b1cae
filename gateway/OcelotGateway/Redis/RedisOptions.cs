using System.ComponentModel.DataAnnotations;
using StackExchange.Redis;

namespace OcelotGateway.Redis;

/// <summary>
/// Shared Redis for every gateway instance of a fleet (section <c>Gateway:Redis</c>). Without a configuration string,
/// rate-limit counters and the response cache stay in each process, as in Ocelot.
/// </summary>
public sealed class RedisOptions : IValidatableObject
{
    public const string SectionName = "Gateway:Redis";

    /// <summary>StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c> or <c>redis:6379,password=...</c>.</summary>
    public string? Configuration { get; set; }

    /// <summary>
    /// Longest one Redis operation may keep a request waiting (default 250 ms). The first operation that fails or exceeds it
    /// starts an outage: from then on no request waits for Redis until a background probe finds it back.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often, during an outage, a background probe checks whether Redis answers again (default 1 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Key prefix for everything the gateway stores, so one Redis can serve several fleets.</summary>
    [Required(AllowEmptyStrings = false)]
    public string KeyPrefix { get; set; } = "ocelot-gateway:";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Configuration);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured)
        {
            yield break;
        }

        string? problem = null;
        try
        {
            if (ConfigurationOptions.Parse(Configuration!).EndPoints.Count == 0)
            {
                problem = "names no endpoint; expected host:port, e.g. 127.0.0.1:6379";
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or RedisConnectionException)
        {
            // The message names the bad option, never its value (a password stays out of the logs).
            problem = "is not a StackExchange.Redis configuration string: " + ex.Message;
        }

        if (problem is not null)
        {
            yield return new ValidationResult("Configuration " + problem, [nameof(Configuration)]);
        }
    }
}
