using Microsoft.Extensions.Options;

namespace OcelotGateway.Caching.AsyncReplies;

/// <summary>
/// What this instance has taken on for asynchronous request-reply, and the bounds on it
/// (<see cref="AsyncRequestReplyOptions"/>): pending requests per client and in total, the request bodies they hold, and the
/// replies kept for polling (count and bytes, until they expire). A request is admitted only if every bound still holds
/// with it; a pending request turns into a kept reply in one step, so the totals never overshoot.
/// </summary>
internal sealed class AsyncReplyLedger
{
    private readonly AsyncRequestReplyOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _pendingByOwner = new(StringComparer.Ordinal);
    private readonly PriorityQueue<long, DateTimeOffset> _kept = new();
    private int _pending;
    private long _pendingBodyBytes;
    private long _keptBytes;

    public AsyncReplyLedger(IOptions<AsyncRequestReplyOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
    }

    /// <summary>Why a request was not admitted.</summary>
    public enum Refusal
    {
        None,

        /// <summary>Its client has <see cref="AsyncRequestReplyOptions.MaxPendingPerClient"/> requests pending (429).</summary>
        Client,

        /// <summary>The instance holds as many pending requests or request bytes as it may (503).</summary>
        Instance,

        /// <summary>The instance keeps as many replies (count or bytes) as it may until some expire (503).</summary>
        Storage,
    }

    public int Pending
    {
        get
        {
            lock (_lock)
            {
                return _pending;
            }
        }
    }

    /// <summary>A snapshot of every total, for tests and diagnostics.</summary>
    public (int Pending, int Owners, long PendingBodyBytes, int Kept, long KeptBytes) Totals
    {
        get
        {
            lock (_lock)
            {
                Expire();
                return (_pending, _pendingByOwner.Count, _pendingBodyBytes, _kept.Count, _keptBytes);
            }
        }
    }

    public Admission TryAdmit(string owner, long bodyBytes)
    {
        lock (_lock)
        {
            Expire();
            if (_pendingByOwner.TryGetValue(owner, out var mine) && mine >= _options.MaxPendingPerClient)
            {
                return new Admission(null, Refusal.Client, TimeSpan.Zero);
            }

            if (_pending >= _options.MaxPending || _pendingBodyBytes + bodyBytes > _options.MaxPendingBodyBytes)
            {
                return new Admission(null, Refusal.Instance, TimeSpan.Zero);
            }

            if (_pending + _kept.Count >= _options.MaxStoredReplies || _keptBytes >= _options.MaxStoredBytes)
            {
                var firstExpiry = _kept.TryPeek(out _, out var at) ? at - _time.GetUtcNow() : TimeSpan.Zero;
                return new Admission(null, Refusal.Storage, firstExpiry);
            }

            _pendingByOwner[owner] = mine + 1;
            _pending++;
            _pendingBodyBytes += bodyBytes;
            return new Admission(new Ticket(owner, bodyBytes), Refusal.None, TimeSpan.Zero);
        }
    }

    /// <summary>Turns the pending request into a kept reply of <paramref name="replyBytes"/>, unless that exceeds the byte budget.</summary>
    public bool TryComplete(Ticket ticket, long replyBytes, DateTimeOffset expiresAt) => Settle(ticket, replyBytes, expiresAt, force: false);

    /// <summary>Turns the pending request into a kept reply whatever its size (a small problem standing in for a reply that did not fit).</summary>
    public void Complete(Ticket ticket, long replyBytes, DateTimeOffset expiresAt) => Settle(ticket, replyBytes, expiresAt, force: true);

    /// <summary>The pending request ends without a kept reply. Settling a ticket twice changes nothing.</summary>
    public void Release(Ticket ticket) => Settle(ticket, 0, default, force: false, keep: false);

    private bool Settle(Ticket ticket, long replyBytes, DateTimeOffset expiresAt, bool force, bool keep = true)
    {
        lock (_lock)
        {
            Expire();
            if (ticket.Settled)
            {
                return false;
            }

            if (keep && !force && _keptBytes + replyBytes > _options.MaxStoredBytes)
            {
                return false;
            }

            ticket.Settled = true;
            _pending--;
            _pendingBodyBytes -= ticket.BodyBytes;
            if (_pendingByOwner[ticket.Owner] == 1)
            {
                _pendingByOwner.Remove(ticket.Owner);
            }
            else
            {
                _pendingByOwner[ticket.Owner]--;
            }

            if (keep)
            {
                _kept.Enqueue(replyBytes, expiresAt);
                _keptBytes += replyBytes;
            }

            return true;
        }
    }

    private void Expire()
    {
        var now = _time.GetUtcNow();
        while (_kept.TryPeek(out var bytes, out var expiresAt) && expiresAt <= now)
        {
            _kept.Dequeue();
            _keptBytes -= bytes;
        }
    }

    /// <summary>One admitted request, settled once: completed into a kept reply, or released.</summary>
    public sealed class Ticket(string owner, long bodyBytes)
    {
        public string Owner { get; } = owner;

        public long BodyBytes { get; } = bodyBytes;

        public bool Settled { get; set; }
    }

    /// <summary>A ticket, or why not; for <see cref="Refusal.Storage"/>, how long until the first kept reply expires.</summary>
    public readonly record struct Admission(Ticket? Ticket, Refusal Refusal, TimeSpan FirstExpiry);
}
