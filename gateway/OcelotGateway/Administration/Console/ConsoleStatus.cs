using OcelotGateway.Administration.Explain;
using OcelotGateway.Caching;
using OcelotGateway.Configuration.Reload;
using OcelotGateway.Discovery;
using OcelotGateway.RateLimiting;
using OcelotGateway.Resilience;

namespace OcelotGateway.Administration.Console;

/// <summary>The live state the console shows: reloads, circuit breakers, discovered services and the shared stores.</summary>
internal sealed class ConsoleStatus
{
    private readonly GatewayConfigurationState _state;
    private readonly ReloadHistory _history;
    private readonly CircuitBreakerRegistry _breakers;
    private readonly ServiceInstanceCache _services;
    private readonly IRateLimitCounterStore _rateLimits;
    private readonly ICacheStore _cache;

    public ConsoleStatus(
        GatewayConfigurationState state,
        ReloadHistory history,
        CircuitBreakerRegistry breakers,
        ServiceInstanceCache services,
        IRateLimitCounterStore rateLimits,
        ICacheStore cache)
    {
        _state = state;
        _history = history;
        _breakers = breakers;
        _services = services;
        _rateLimits = rateLimits;
        _cache = cache;
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
        return new StatusView(
            current?.Generation,
            _history.Records,
            breakers,
            services,
            _services.KnownServices,
            Store(_rateLimits is MemoryRateLimitCounterStore memory ? ("memory", memory.Count, null) : ("redis", null, null)),
            Store(_cache is MemoryCacheStore cache ? ("memory", cache.Count, cache.Size) : ("redis", null, null)));
    }

    private static StoreView Store((string Kind, int? Entries, long? Bytes) store) => new(store.Kind, store.Entries, store.Bytes);
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
    StoreView Cache);

internal sealed record BreakerView(string Route, string Template, string State, int MinimumThroughput, double FailureRatio, double BreakDurationMs);

/// <param name="Instances">The passing instances last reported; null when the service was never looked up.</param>
internal sealed record ServiceView(string Name, IReadOnlyList<InstanceView>? Instances);

internal sealed record InstanceView(string Id, string Host, int Port);

/// <summary>Where rate-limit counters or cached responses live; counts only for the in-process store (Redis is shared by the fleet).</summary>
internal sealed record StoreView(string Kind, int? Entries, long? Bytes);
