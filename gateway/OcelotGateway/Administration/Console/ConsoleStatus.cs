using Microsoft.Extensions.Options;
using OcelotGateway.Administration.Explain;
using OcelotGateway.Bounds;
using OcelotGateway.Caching;
using OcelotGateway.Caching.AsyncReplies;
using OcelotGateway.Configuration.Reload;
using OcelotGateway.Discovery;
using OcelotGateway.RateLimiting;
using OcelotGateway.Redis;
using OcelotGateway.Resilience;

namespace OcelotGateway.Administration.Console;

/// <summary>
/// The live state the console shows: reloads, circuit breakers, discovered services, the stores and Redis, the bounded
/// structures and their overflows, and the asynchronous replies this instance holds. Read when asked, never per request.
/// </summary>
internal sealed class ConsoleStatus
{
    private readonly GatewayConfigurationState _state;
    private readonly ReloadHistory _history;
    private readonly CircuitBreakerRegistry _breakers;
    private readonly ServiceInstanceCache _services;
    private readonly MemoryRateLimitCounterStore _localCounters;
    private readonly ICacheStore _cache;
    private readonly RedisConnection _redis;
    private readonly CapacityGuards _capacity;
    private readonly AsyncReplyLedger _replies;
    private readonly AsyncRequestReplyOptions _replyBounds;

    public ConsoleStatus(
        GatewayConfigurationState state,
        ReloadHistory history,
        CircuitBreakerRegistry breakers,
        ServiceInstanceCache services,
        MemoryRateLimitCounterStore localCounters,
        ICacheStore cache,
        RedisConnection redis,
        CapacityGuards capacity,
        AsyncReplyLedger replies,
        IOptions<AsyncRequestReplyOptions> replyBounds)
    {
        _state = state;
        _history = history;
        _breakers = breakers;
        _services = services;
        _localCounters = localCounters;
        _cache = cache;
        _redis = redis;
        _capacity = capacity;
        _replies = replies;
        _replyBounds = replyBounds.Value;
    }

    public StatusView Read()
    {
        var current = _state.Current;
        var breakers = _breakers.Breakers
            .Where(b => b.Pipeline is not null)
            .OrderBy(b => b.Label, StringComparer.Ordinal)
            .Select(b => new BreakerView(
                b.Label, b.RouteName, PolicyExplainer.ConsoleState(b.CircuitState), b.Settings.MinimumThroughput, b.Settings.FailureRatio,
                b.Settings.BreakDuration.TotalMilliseconds))
            .ToArray();
        var services = (current?.Routes ?? [])
            .Select(r => r.ServiceName)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(name => new ServiceView(name, _services.Find(name)?.Select(i => new InstanceView(i.Id, i.Host, i.Port)).ToArray()))
            .ToArray();
        var redis = _redis.IsConfigured ? new RedisView(_redis.IsAvailable) : null;
        var replies = _replies.Totals;
        return new StatusView(
            current?.Generation,
            _history.Records,
            breakers,
            services,
            _services.KnownServices,

            // With Redis, counters fall back to this process while it is out: those are the ones worth counting.
            redis is null ? new StoreView("memory", _localCounters.Count, null)
                : new StoreView("redis", redis.Available ? null : _localCounters.Count, null),
            _cache is MemoryCacheStore cache ? new StoreView("memory", cache.Count, cache.Size) : new StoreView("redis", null, null),
            redis,
            [.. _capacity.All.OrderBy(g => g.Structure, StringComparer.Ordinal).Select(g => new CapacityView(g.Structure, g.Setting, g.Limit, g.Overflows))],
            new AsyncRepliesView(
                replies.Pending, _replyBounds.MaxPending, replies.Owners, replies.PendingBodyBytes, replies.Kept, _replyBounds.MaxStoredReplies,
                replies.KeptBytes, _replyBounds.MaxStoredBytes));
    }
}

/// <param name="Generation">The configuration serving now; null before the first one loaded.</param>
/// <param name="Catalog">Service names in Consul's catalog (dynamic routing), empty when it is not read.</param>
internal sealed record StatusView(
    long? Generation,
    IReadOnlyList<ReloadRecord> Reloads,
    IReadOnlyList<BreakerView> Breakers,
    IReadOnlyList<ServiceView> Services,
    IReadOnlyList<string> Catalog,
    StoreView RateLimitCounters,
    StoreView Cache,
    RedisView? Redis,
    IReadOnlyList<CapacityView> Capacity,
    AsyncRepliesView AsyncReplies);

internal sealed record BreakerView(string Route, string Template, string State, int MinimumThroughput, double FailureRatio, double BreakDurationMs);

/// <param name="Instances">The passing instances last reported; null when the service was never looked up.</param>
internal sealed record ServiceView(string Name, IReadOnlyList<InstanceView>? Instances);

internal sealed record InstanceView(string Id, string Host, int Port);

/// <summary>
/// Where rate-limit counters or cached responses live. Counts are of this process: for the in-process store, and for
/// rate-limit counters kept here while Redis is out; null while Redis (shared by the fleet) holds them.
/// </summary>
internal sealed record StoreView(string Kind, int? Entries, long? Bytes);

/// <summary>Redis, when <c>Gateway:Redis:Configuration</c> is set: available, or out (requests go on without it).</summary>
internal sealed record RedisView(bool Available);

/// <summary>A bounded per-key structure: its bound, the setting holding it, and how often it was full since start.</summary>
internal sealed record CapacityView(string Structure, string Setting, int Limit, long Overflows);

/// <summary>What this instance holds for asynchronous request-reply, beside its bounds (<c>Gateway:AsyncRequestReply</c>).</summary>
internal sealed record AsyncRepliesView(
    int Pending, int MaxPending, int Clients, long PendingBodyBytes, int Stored, int MaxStored, long StoredBytes, long MaxStoredBytes);
