using System.Collections.Concurrent;

namespace OcelotGateway.Caching;

/// <summary>
/// Request coalescing for cache misses, per gateway instance: the first request for a key leads (calls downstream), concurrent
/// ones wait for its result. Region clears bump a per-region counter so a call that started before the clear neither stores
/// its (possibly stale) result nor lets new requests join it.
/// </summary>
internal sealed class ResponseCoalescer
{
    private readonly ConcurrentDictionary<string, ResponseFlight> _flights = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _regionEpochs = new(StringComparer.Ordinal);

    /// <summary>Requests waiting for another request's downstream call (diagnostics and tests).</summary>
    public int Waiting => _flights.Values.Sum(flight => flight.Waiters);

    /// <summary>Keys with a downstream call under way.</summary>
    public int InFlight => _flights.Count;

    /// <summary>True when the caller leads the call for <paramref name="key"/>; otherwise <paramref name="flight"/> is the one to wait for.</summary>
    internal bool TryLead(string key, string region, out ResponseFlight flight)
    {
        var candidate = new ResponseFlight(key, region, Epoch(region));
        flight = _flights.GetOrAdd(key, candidate);
        if (ReferenceEquals(flight, candidate))
        {
            return true;
        }

        flight.AddWaiter();
        return false;
    }

    /// <summary>Hands the result to the waiters. Call after the result is stored, so a late request finds it in the store.</summary>
    internal void Complete(ResponseFlight flight, CachedResponse? response)
    {
        _flights.TryRemove(new KeyValuePair<string, ResponseFlight>(flight.Key, flight));
        flight.Complete(response);
    }

    internal bool IsCurrent(ResponseFlight flight) => Epoch(flight.Region) == flight.RegionEpoch;

    /// <summary>Forgets calls under way in the region: their results are not stored, and new requests start afresh.</summary>
    public void InvalidateRegion(string region)
    {
        _regionEpochs.AddOrUpdate(region, 1, static (_, epoch) => epoch + 1);
        foreach (var (key, flight) in _flights)
        {
            if (string.Equals(flight.Region, region, StringComparison.Ordinal))
            {
                _flights.TryRemove(new KeyValuePair<string, ResponseFlight>(key, flight));
            }
        }
    }

    private long Epoch(string region) => _regionEpochs.TryGetValue(region, out var epoch) ? epoch : 0;
}
