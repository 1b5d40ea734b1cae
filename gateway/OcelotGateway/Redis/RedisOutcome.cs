namespace OcelotGateway.Redis;

/// <summary>How one Redis operation ended (<see cref="RedisConnection.RunAsync"/>).</summary>
public enum RedisOutcome
{
    /// <summary>Redis answered.</summary>
    Done,

    /// <summary>Redis is not used right now: first connect pending, outage under way, or it did not answer in time.</summary>
    Unavailable,

    /// <summary>Redis answered with an error for this command (out of memory, read-only replica...); it is not out.</summary>
    Refused,
}
