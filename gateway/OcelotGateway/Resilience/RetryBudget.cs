namespace OcelotGateway.Resilience;

/// <summary>
/// Caps retries at a share of the route's recent traffic (plus a small floor), counted over one-second windows: when a
/// downstream is down for everyone, retries add at most that share of load instead of multiplying it.
/// </summary>
public sealed class RetryBudget
{
    private readonly int _percent;
    private readonly int _floor;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private long _windowStart;
    private long _requests;
    private long _retries;

    public RetryBudget(int percent, int floor, TimeProvider time)
    {
        _percent = percent;
        _floor = floor;
        _time = time;
    }

    public void RecordRequest()
    {
        lock (_gate)
        {
            Roll();
            _requests++;
        }
    }

    public bool HasCapacity()
    {
        lock (_gate)
        {
            Roll();
            return _retries < Allowance();
        }
    }

    public bool TryAcquire()
    {
        lock (_gate)
        {
            Roll();
            if (_retries >= Allowance())
            {
                return false;
            }

            _retries++;
            return true;
        }
    }

    private long Allowance() => Math.Max(_floor, _requests * _percent / 100);

    private void Roll()
    {
        var second = _time.GetUtcNow().ToUnixTimeSeconds();
        if (second != _windowStart)
        {
            _windowStart = second;
            _requests = 0;
            _retries = 0;
        }
    }
}
