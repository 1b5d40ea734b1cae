namespace OcelotGateway.Caching;

/// <summary>
/// One downstream call made on behalf of every concurrent request with the same cache key. The leader completes it with the
/// stored response, or with null when the response could not be cached; waiters then go downstream themselves.
/// </summary>
internal sealed class ResponseFlight
{
    private readonly TaskCompletionSource<CachedResponse?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waiters;

    public ResponseFlight(string key, string region, long regionEpoch)
    {
        Key = key;
        Region = region;
        RegionEpoch = regionEpoch;
    }

    public string Key { get; }

    public string Region { get; }

    /// <summary>The region's clear counter when the call started; a clear since then means the result must not be stored.</summary>
    public long RegionEpoch { get; }

    public int Waiters => Volatile.Read(ref _waiters);

    public Task<CachedResponse?> Result => _completion.Task;

    public void AddWaiter() => Interlocked.Increment(ref _waiters);

    public void Complete(CachedResponse? response) => _completion.TrySetResult(response);
}
