using System.Diagnostics;

namespace OcelotGateway.Observability.Tracing;

/// <summary>
/// Makes sure every request has an <see cref="Activity"/>, even in a host with no tracer and no logging, because that is
/// what carries the client's W3C <c>traceparent</c> through the gateway: ASP.NET Core only extracts it into an activity,
/// and the HTTP handler only injects the current activity into the downstream request. Activities are created for
/// propagation only (nothing is recorded) unless the caller's trace is sampled, whose decision is passed on unchanged.
/// A tracer provider, when configured, listens as well and records what its own sampler chooses.
/// </summary>
internal static class TraceContextPropagation
{
    private const string AspNetCoreSource = "Microsoft.AspNetCore";

    private static readonly Lazy<ActivityListener> Listener = new(Create);

    /// <summary>Registers the process-wide listener once; later calls do nothing.</summary>
    public static void EnsureEnabled() => _ = Listener.Value;

    private static ActivityListener Create()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = static source => source.Name == AspNetCoreSource,
            Sample = static (ref ActivityCreationOptions<ActivityContext> options) =>
                (options.Parent.TraceFlags & ActivityTraceFlags.Recorded) != 0
                    ? ActivitySamplingResult.AllDataAndRecorded
                    : ActivitySamplingResult.PropagationData,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
