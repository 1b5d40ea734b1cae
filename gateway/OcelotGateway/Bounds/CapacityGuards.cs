using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OcelotGateway.Bounds;

/// <summary>The <see cref="CapacityGuard"/> of every bounded structure in this gateway, for metrics.</summary>
public sealed class CapacityGuards
{
    private readonly ConcurrentDictionary<string, CapacityGuard> _guards = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ILogger<CapacityGuard> _logger;

    public CapacityGuards(TimeProvider time, ILogger<CapacityGuard> logger)
    {
        _time = time;
        _logger = logger;
    }

    public IEnumerable<CapacityGuard> All => _guards.Values;

    /// <summary>The guard of <paramref name="structure"/>; one per structure, so the metric has one series each.</summary>
    public CapacityGuard For(string structure, string setting, int limit, string consequence) =>
        _guards.GetOrAdd(structure, name => new CapacityGuard(name, setting, limit, consequence, _time, _logger));
}
