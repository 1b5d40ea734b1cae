using Microsoft.AspNetCore.Http;

namespace OcelotGateway.Resilience;

/// <summary>
/// A route's <c>Timeout</c> for one request, or its QoS timeout for one call: cancelled when the time runs out or the client
/// leaves, whichever comes first, and stopped once downstream response headers arrive (<see cref="Stop"/>), so a long download
/// is not cut off. One object per request, where ASP.NET Core's request-timeout middleware makes a linked source, a feature
/// and an asynchronous frame: every route has a timeout (Ocelot's 90 s default), so this is paid on every proxied request.
/// </summary>
internal sealed class RouteDeadline : CancellationTokenSource
{
    private readonly CancellationToken _clientAborted;
    private readonly CancellationTokenRegistration _link;

    public RouteDeadline(TimeSpan timeout, TimeProvider time, CancellationToken clientAborted)
        : base(timeout, time)
    {
        _clientAborted = clientAborted;
        if (clientAborted.CanBeCanceled)
        {
            // UnsafeRegister: the callback only cancels this source, so the request's execution context need not flow into it.
            _link = clientAborted.UnsafeRegister(static state => ((RouteDeadline)state!).Cancel(), this);
        }
    }

    /// <summary>
    /// Arms a deadline over the rest of <paramref name="context"/>'s request: until <see cref="Release"/>, its
    /// <c>RequestAborted</c> is the deadline's token, which the steps after it and the forwarder observe.
    /// </summary>
    public static RouteDeadline Arm(HttpContext context, TimeSpan timeout, TimeProvider time)
    {
        var deadline = new RouteDeadline(timeout, time, context.RequestAborted);
        context.RequestAborted = deadline.Token;
        return deadline;
    }

    /// <summary>Gives <paramref name="context"/> back the client's token it was armed over, and disposes the deadline.</summary>
    public void Release(HttpContext context)
    {
        context.RequestAborted = _clientAborted;
        Dispose();
    }

    /// <summary>The timeout, not the client, cancelled the request.</summary>
    public bool TimedOut => IsCancellationRequested && !_clientAborted.IsCancellationRequested;

    /// <summary>Response headers arrived: the timeout no longer counts. The client leaving still cancels.</summary>
    public void Stop() => CancelAfter(Timeout.InfiniteTimeSpan);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _link.Dispose();
        }

        base.Dispose(disposing);
    }
}
