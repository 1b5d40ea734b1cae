namespace OcelotGateway.RateLimiting;

/// <summary>One client's count in the current window: when it started, how many requests, and when the limit was first exceeded.</summary>
public readonly record struct RateLimitCounter(DateTimeOffset StartedAt, long Total, DateTimeOffset? ExceededAt)
{
    /// <summary>
    /// Ocelot's counting rule: the count goes on while inside the fixed window, or, once exceeded, inside the wait window;
    /// otherwise this request starts a new window as its first request.
    /// </summary>
    public static RateLimitCounter Next(RateLimitCounter? current, RateLimitRule rule, DateTimeOffset now)
    {
        if (current is not { } counter)
        {
            return new RateLimitCounter(now, 1, null);
        }

        var total = counter.Total + 1;
        var exceededAt = total > rule.Limit && counter.ExceededAt is null ? now : counter.ExceededAt;
        var inWindow = counter.StartedAt + rule.Period >= now;
        var inWait = exceededAt is { } at && at + rule.Wait >= now;
        if (!inWindow && !inWait)
        {
            return new RateLimitCounter(now, 1, null);
        }

        var next = new RateLimitCounter(counter.StartedAt, total, exceededAt);

        // Over the limit but both windows already behind us: the waiting is over, so this request opens a new window.
        return next.RetryAfterSeconds(rule, now) < 0 ? new RateLimitCounter(now, 1, null) : next;
    }

    /// <summary>Seconds until the caller may retry; 0 when this request is allowed, negative when the windows have passed.</summary>
    public double RetryAfterSeconds(RateLimitRule rule, DateTimeOffset now)
    {
        if (Total <= rule.Limit || ExceededAt is not { } exceededAt)
        {
            return 0;
        }

        if (rule.Wait == TimeSpan.Zero && StartedAt + rule.Period > now)
        {
            return (StartedAt + rule.Period - now).TotalSeconds;
        }

        return exceededAt + rule.Wait > now ? (exceededAt + rule.Wait - now).TotalSeconds : -1;
    }
}
