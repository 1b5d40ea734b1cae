using CsCheck;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OcelotGateway.Caching.AsyncReplies;
using static OcelotGateway.Caching.AsyncReplies.AsyncReplyLedger;

namespace OcelotGateway.Tests.Caching;

/// <summary>
/// The ledger against a plain model over generated sequences of admissions, completions, releases and time: it refuses
/// exactly when a bound would be exceeded, for exactly the reason the model names, and no total ever passes its bound.
/// Seeded by CsCheck (a failure prints the seed; <c>CsCheck_Seed</c> replays it).
/// </summary>
public sealed class AsyncReplyLedgerTests
{
    private static readonly Gen<AsyncRequestReplyOptions> Limits =
        Gen.Select(Gen.Int[1, 4], Gen.Int[1, 8], Gen.Int[100, 400], Gen.Int[0, 6], Gen.Int[300, 1000], (perClient, pending, pendingBytes, extraStored, storedBytes) =>
            new AsyncRequestReplyOptions
            {
                MaxPendingPerClient = Math.Min(perClient, pending),
                MaxPending = pending,
                MaxRequestBodyBytes = 100,
                MaxPendingBodyBytes = pendingBytes,
                MaxStoredReplies = pending + extraStored,
                MaxStoredBytes = storedBytes,
                MaxResponseBodyBytes = 300,
            });

    private static readonly Gen<Step> Steps =
        Gen.Select(Gen.Int[0, 9], Gen.Int[0, 4], Gen.Int[0, 300], Gen.Int[0, 15], (kind, a, b, c) => new Step(kind, a, b, c));

    [Fact]
    public void GeneratedSequences_RefuseExactlyWhenABoundWouldBeExceeded_AndNeverPassOne()
    {
        Gen.Select(Limits, Steps.Array[1, 80]).Sample((limits, steps) => Replay(limits, steps), iter: 3000);
    }

    [Fact]
    public void StorageRefusal_SaysHowLongUntilTheFirstKeptReplyExpires()
    {
        var time = new FakeTimeProvider();
        var ledger = new AsyncReplyLedger(Options.Create(new AsyncRequestReplyOptions { MaxPending = 1, MaxPendingPerClient = 1, MaxStoredReplies = 1 }), time);

        var first = ledger.TryAdmit("a", 0);
        Assert.True(ledger.TryComplete(first.Ticket!, 10, time.GetUtcNow() + TimeSpan.FromSeconds(7)));
        time.Advance(TimeSpan.FromSeconds(2));
        var refused = ledger.TryAdmit("b", 0);
        time.Advance(TimeSpan.FromSeconds(5));
        var afterExpiry = ledger.TryAdmit("b", 0);

        Assert.Equal(Refusal.Storage, refused.Refusal);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.FirstExpiry);
        Assert.NotNull(afterExpiry.Ticket);
    }

    [Fact]
    public void SettlingATicketTwice_ChangesNothing()
    {
        var time = new FakeTimeProvider();
        var ledger = new AsyncReplyLedger(Options.Create(new AsyncRequestReplyOptions()), time);
        var ticket = ledger.TryAdmit("a", 40).Ticket!;

        ledger.Release(ticket);
        ledger.Release(ticket);
        var completedAfterRelease = ledger.TryComplete(ticket, 10, time.GetUtcNow() + TimeSpan.FromSeconds(1));

        Assert.False(completedAfterRelease);
        Assert.Equal((0, 0, 0L, 0, 0L), ledger.Totals);
    }

    private static void Replay(AsyncRequestReplyOptions limits, Step[] steps)
    {
        var time = new FakeTimeProvider();
        var ledger = new AsyncReplyLedger(Options.Create(limits), time);
        var open = new List<Ticket>();
        var kept = new List<(long Bytes, DateTimeOffset ExpiresAt)>();
        foreach (var step in steps)
        {
            var now = time.GetUtcNow();
            kept.RemoveAll(k => k.ExpiresAt <= now);
            var pending = open.Count;
            var pendingBytes = open.Sum(t => t.BodyBytes);
            var keptBytes = kept.Sum(k => k.Bytes);
            switch (step.Kind)
            {
                case < 5:
                    var owner = "client-" + step.A;
                    var body = step.B / 3;
                    var expected =
                        open.Count(t => t.Owner == owner) >= limits.MaxPendingPerClient ? Refusal.Client
                        : pending >= limits.MaxPending || pendingBytes + body > limits.MaxPendingBodyBytes ? Refusal.Instance
                        : pending + kept.Count >= limits.MaxStoredReplies || keptBytes >= limits.MaxStoredBytes ? Refusal.Storage
                        : Refusal.None;
                    var admission = ledger.TryAdmit(owner, body);
                    Assert.Equal(expected, admission.Refusal);
                    Assert.Equal(expected == Refusal.None, admission.Ticket is not null);
                    if (admission.Ticket is { } ticket)
                    {
                        open.Add(ticket);
                    }

                    break;
                case < 8 when open.Count > 0:
                    var completing = open[step.A % open.Count];
                    var expiresAt = now + TimeSpan.FromSeconds(1 + step.C % 5);
                    var fits = keptBytes + step.B <= limits.MaxStoredBytes;
                    Assert.Equal(fits, ledger.TryComplete(completing, step.B, expiresAt));
                    if (fits)
                    {
                        open.Remove(completing);
                        kept.Add((step.B, expiresAt));
                    }

                    break;
                case 8 when open.Count > 0:
                    var released = open[step.A % open.Count];
                    ledger.Release(released);
                    open.Remove(released);
                    break;
                default:
                    time.Advance(TimeSpan.FromMilliseconds(step.C * 200));
                    break;
            }

            now = time.GetUtcNow();
            kept.RemoveAll(k => k.ExpiresAt <= now);
            var totals = ledger.Totals;
            Assert.Equal((open.Count, open.Select(t => t.Owner).Distinct().Count(), open.Sum(t => t.BodyBytes), kept.Count, kept.Sum(k => k.Bytes)), totals);
            Assert.True(totals.Pending <= limits.MaxPending);
            Assert.True(totals.PendingBodyBytes <= limits.MaxPendingBodyBytes);
            Assert.True(totals.Pending + totals.Kept <= limits.MaxStoredReplies);
            Assert.True(totals.KeptBytes <= limits.MaxStoredBytes);
            Assert.All(open.GroupBy(t => t.Owner), g => Assert.True(g.Count() <= limits.MaxPendingPerClient));
        }
    }

    /// <summary>Kind 0-4 admit (client A, body B/3), 5-7 complete an open ticket (reply B bytes, kept 1-5 s), 8 release, 9 time passes.</summary>
    private sealed record Step(int Kind, int A, int B, int C);
}
