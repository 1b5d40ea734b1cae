using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace OcelotGateway.Swagger;

/// <summary>
/// Keeps each fetched downstream document for <see cref="SwaggerOptions.CacheDuration"/>, keyed by the address it was read
/// from, and lets concurrent requests share one fetch. Failures are never kept: the next request tries again, and a fetch
/// is bounded by the fetch timeout, so a service that is down fails its own entry quickly and the others are untouched.
/// The shared fetch does not follow any one caller's cancellation; a caller that leaves just stops waiting for it.
/// </summary>
internal sealed class SwaggerDocumentCache
{
    private readonly ConcurrentDictionary<Uri, Entry> _entries = new();
    private readonly SwaggerDocumentFetcher _fetcher;
    private readonly IOptionsMonitor<SwaggerOptions> _options;
    private readonly TimeProvider _time;

    public SwaggerDocumentCache(SwaggerDocumentFetcher fetcher, IOptionsMonitor<SwaggerOptions> options, TimeProvider time)
    {
        _fetcher = fetcher;
        _options = options;
        _time = time;
    }

    public async Task<DocumentFetch> GetAsync(SwaggerDocumentSource source, CancellationToken cancellationToken)
    {
        var url = _fetcher.Locate(source);
        var duration = _options.CurrentValue.CacheDuration;
        if (url is null || duration <= TimeSpan.Zero)
        {
            return await _fetcher.FetchAsync(source, url, cancellationToken);
        }

        while (true)
        {
            var now = _time.GetUtcNow();
            if (_entries.TryGetValue(url, out var entry) && IsUsable(entry, now))
            {
                return await entry.Fetch.WaitAsync(cancellationToken);
            }

            var fresh = new Entry(new Lazy<Task<DocumentFetch>>(() => _fetcher.FetchAsync(source, url, CancellationToken.None)), now + duration);
            var stored = entry is null ? _entries.TryAdd(url, fresh) : _entries.TryUpdate(url, fresh, entry);
            if (stored)
            {
                var result = await fresh.Fetch.WaitAsync(cancellationToken);
                if (!result.Succeeded)
                {
                    _entries.TryRemove(new KeyValuePair<Uri, Entry>(url, fresh));
                }

                return result;
            }

            // Another request stored its fetch first: loop and share it.
        }
    }

    /// <summary>A fetch still running is shared; a finished one is reused while fresh and successful.</summary>
    private static bool IsUsable(Entry entry, DateTimeOffset now)
    {
        var fetch = entry.Fetch;
        if (!fetch.IsCompleted)
        {
            return true;
        }

        return fetch.IsCompletedSuccessfully && fetch.Result.Succeeded && entry.ExpiresAt > now;
    }

    private sealed class Entry
    {
        private readonly Lazy<Task<DocumentFetch>> _fetch;

        public Entry(Lazy<Task<DocumentFetch>> fetch, DateTimeOffset expiresAt)
        {
            _fetch = fetch;
            ExpiresAt = expiresAt;
        }

        public DateTimeOffset ExpiresAt { get; }

        public Task<DocumentFetch> Fetch => _fetch.Value;
    }
}
