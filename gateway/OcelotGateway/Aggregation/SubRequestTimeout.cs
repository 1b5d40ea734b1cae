using Microsoft.AspNetCore.Http.Timeouts;

namespace OcelotGateway.Aggregation;

/// <summary>
/// The route's <c>Timeout</c> for a sub-request. A normal request gets it from the request-timeout middleware, which a
/// sub-request does not pass; YARP refuses a route with a timeout unless this feature is present, so the sub-request carries
/// its own, with the same meaning: time until the downstream response headers arrive.
/// </summary>
internal sealed class SubRequestTimeout : IHttpRequestTimeoutFeature, IDisposable
{
    private readonly CancellationTokenSource _timeout;

    public SubRequestTimeout(TimeSpan timeout, TimeProvider time)
    {
        _timeout = new CancellationTokenSource(timeout, time);
    }

    public CancellationToken RequestTimeoutToken => _timeout.Token;

    public bool TimedOut => _timeout.IsCancellationRequested;

    public void DisableTimeout() => _timeout.CancelAfter(Timeout.InfiniteTimeSpan);

    public void Dispose() => _timeout.Dispose();
}
