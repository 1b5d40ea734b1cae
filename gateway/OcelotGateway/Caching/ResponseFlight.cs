namespace OcelotGateway.Caching;

/// <summary>
/// One downstream call made on behalf of every concurrent request with the same cache key. The leader completes it with the
/// stored entry, or with null when the response could not be cached; waiters then go downstream themselves.
/// </summary>
internal sealed class ResponseFlight
{
    private readonly TaskCompletionSource<CacheEntry?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waiters;

    public ResponseFlight(string key, string region)
    {
        Key = key;
        Region = region;
    }

    public string Key { get; }

    public string Region { get; }

    public int Waiters => Volatile.Read(ref _waiters);

    public Task<CacheEntry?> Result => _completion.Task;

    public void AddWaiter() => Interlocked.Increment(ref _waiters);

    public void Complete(CacheEntry? entry) => _completion.TrySetResult(entry);
}
