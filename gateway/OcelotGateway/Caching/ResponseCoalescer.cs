using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using OcelotGateway.Bounds;

namespace OcelotGateway.Caching;

/// <summary>
/// Request coalescing for cache misses, per gateway instance: the first request for a key leads (calls downstream), concurrent
/// ones wait for its result. At most <see cref="CachingOptions.MaxInFlightKeys"/> keys are coalesced at once; a miss beyond
/// that goes downstream on its own (still cached). A region clear bumps the clear counter of the region's bucket: calls of
/// that bucket that started before the clear do not store their (possibly stale) result, and the cleared region's calls take
/// no new waiters. A fixed number of buckets keeps this state bounded whatever region names clears carry; a clear of another
/// region sharing the bucket only costs a call its store.
/// </summary>
internal sealed class ResponseCoalescer
{
    public const string Structure = "cache_coalescing";

    private readonly ConcurrentDictionary<string, ResponseFlight> _flights = new(StringComparer.Ordinal);
    private readonly CapacityGuard _guard;
    private readonly int _limit;
    private int _count;
    private const int ClearBuckets = 256;
    private readonly long[] _clears = new long[ClearBuckets];

    public ResponseCoalescer(IOptions<CachingOptions> options, CapacityGuards guards)
    {
        _limit = options.Value.MaxInFlightKeys;
        _guard = guards.For(Structure, CachingOptions.SectionName + ":" + nameof(CachingOptions.MaxInFlightKeys), _limit,
            "cache misses beyond it went downstream without waiting for an identical call under way");
    }

    /// <summary>Requests waiting for another request's downstream call (diagnostics and tests).</summary>
    public int Waiting => _flights.Values.Sum(flight => flight.Waiters);

    /// <summary>Keys with a downstream call under way.</summary>
    public int InFlight => Volatile.Read(ref _count);

    /// <summary>
    /// Clears so far of the regions that share <paramref name="region"/>'s bucket; a call stores its result only if this has
    /// not changed since it started.
    /// </summary>
    public long ClearsOf(string region) => Interlocked.Read(ref _clears[Bucket(region)]);

    /// <summary>
    /// The call to lead or wait for: <paramref name="leads"/> says which. Null when <see cref="CachingOptions.MaxInFlightKeys"/>
    /// keys are already coalesced: the caller then makes its own call.
    /// </summary>
    internal ResponseFlight? Join(string key, string region, out bool leads)
    {
        if (_flights.TryGetValue(key, out var existing))
        {
            existing.AddWaiter();
            leads = false;
            return existing;
        }

        leads = true;
        if (Interlocked.Increment(ref _count) > _limit)
        {
            Interlocked.Decrement(ref _count);
            _guard.Overflowed();
            return null;
        }

        var candidate = new ResponseFlight(key, region);
        var flight = _flights.GetOrAdd(key, candidate);
        if (ReferenceEquals(flight, candidate))
        {
            return flight;
        }

        // Another request took the lead between our look and our add.
        Interlocked.Decrement(ref _count);
        flight.AddWaiter();
        leads = false;
        return flight;
    }

    /// <summary>Hands the result to the waiters. Call after the result is stored, so a late request finds it in the store.</summary>
    internal void Complete(ResponseFlight flight, CacheEntry? entry)
    {
        Forget(flight);
        flight.Complete(entry);
    }

    /// <summary>Forgets calls under way in the region: their results are not stored, and new requests start afresh.</summary>
    public void InvalidateRegion(string region)
    {
        Interlocked.Increment(ref _clears[Bucket(region)]);
        foreach (var (_, flight) in _flights)
        {
            if (string.Equals(flight.Region, region, StringComparison.Ordinal))
            {
                Forget(flight);
            }
        }
    }

    private static int Bucket(string region) => (int)((uint)StringComparer.Ordinal.GetHashCode(region) % ClearBuckets);

    private void Forget(ResponseFlight flight)
    {
        if (_flights.TryRemove(new KeyValuePair<string, ResponseFlight>(flight.Key, flight)))
        {
            Interlocked.Decrement(ref _count);
        }
    }
}
