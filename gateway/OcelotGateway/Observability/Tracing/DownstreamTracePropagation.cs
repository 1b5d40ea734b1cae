using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace OcelotGateway.Observability.Tracing;

/// <summary>
/// Who writes the W3C trace context (<c>traceparent</c>, <c>tracestate</c>, <c>baggage</c>) into downstream requests. With a
/// tracer provider registered, the HTTP client does, under the client span it records. Without one, nobody records that span,
/// yet the client would still start an activity for it on every call: the gateway then writes the current activity's context
/// itself and the client starts none. Either way the client's own trace headers are replaced, and downstream services see the
/// same trace id and a parent span of the gateway.
/// </summary>
internal sealed class DownstreamTracePropagation
{
    private static readonly DistributedContextPropagator Propagator = DistributedContextPropagator.CreateDefaultPropagator();
    private static readonly string[] Fields = [.. Propagator.Fields];

    public DownstreamTracePropagation(IServiceProviderIsService services)
    {
        ByGateway = !services.IsService(typeof(TracerProvider));
    }

    /// <summary>True when the gateway writes the trace context itself (<see cref="Inject"/>) and the HTTP client must not.</summary>
    public bool ByGateway { get; }

    /// <summary>Replaces the trace headers copied from the client with the context of the current activity.</summary>
    /// <param name="clientHeaders">The client's request headers: the only trace headers the downstream request holds yet are
    /// copies of these, so only those the client sent are looked up and removed.</param>
    public static void Inject(HttpRequestMessage request, IHeaderDictionary clientHeaders)
    {
        var headers = request.Headers;
        foreach (var field in Fields)
        {
            if (clientHeaders.ContainsKey(field))
            {
                headers.Remove(field);
            }
        }

        Propagator.Inject(Activity.Current, request, static (carrier, name, value) =>
            ((HttpRequestMessage)carrier!).Headers.TryAddWithoutValidation(name, value));
    }
}
