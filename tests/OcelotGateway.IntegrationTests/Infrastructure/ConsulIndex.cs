namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>
/// The Consul stand-in's index and blocking queries. One lock guards all of the stand-in's data, every change moves the index on
/// (as Consul's raft index does) and wakes every query waiting for the index to pass the one it saw.
/// </summary>
internal sealed class ConsulIndex
{
    private readonly Lock _sync = new();
    private long _current = 1;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Current => Read(() => _current);

    /// <summary>Reads the data under the lock.</summary>
    public T Read<T>(Func<T> read)
    {
        lock (_sync)
        {
            return read();
        }
    }

    /// <summary>Changes the data under the lock; <paramref name="change"/> gets the index the change will carry.</summary>
    public void Change(Action<long> change)
    {
        TaskCompletionSource changed;
        lock (_sync)
        {
            change(_current + 1);
            _current++;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>Empties the data under the lock and starts the index again at 1, as a Consul that lost its state; waiting queries wake.</summary>
    public void Reset(Action clear)
    {
        TaskCompletionSource changed;
        lock (_sync)
        {
            clear();
            _current = 1;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>
    /// Consul's blocking query: returns once the index is past <paramref name="seen"/> or <paramref name="wait"/> (at most 10
    /// minutes, as Consul caps it) ended, with the index then current. Index 0 does not block.
    /// </summary>
    public async Task<long> WaitPastAsync(long seen, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (seen <= 0)
        {
            return Current;
        }

        using var timeout = new CancellationTokenSource(wait > TimeSpan.FromMinutes(10) ? TimeSpan.FromMinutes(10) : wait);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        while (true)
        {
            Task changed;
            lock (_sync)
            {
                if (_current > seen)
                {
                    return _current;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(linked.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return Current;
            }
        }
    }
}
