using System.ComponentModel.DataAnnotations;
using OpenTelemetry.Exporter;

namespace OcelotGateway.Observability.Tracing;

/// <summary>
/// OpenTelemetry tracing (section <c>Gateway:Tracing</c>, our addition). Spans are exported over OTLP only when an endpoint is
/// configured here or through the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable; otherwise no tracer is registered
/// and W3C <c>traceparent</c> still flows from the client through the gateway to downstream services.
/// </summary>
public sealed class TracingOptions : IValidatableObject
{
    public const string SectionName = "Gateway:Tracing";

    /// <summary>The standard variable the OTLP exporter reads by itself (with its companions for protocol and headers).</summary>
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Base URL of the OTLP collector, e.g. <c>http://collector:4318</c> (HTTP) or <c>http://collector:4317</c> (gRPC). With
    /// HTTP the gateway posts to <c>/v1/traces</c> under it. Unset (the default): no exporter.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>HttpProtobuf</c> (default) or <c>Grpc</c>; applies to <see cref="OtlpEndpoint"/>.</summary>
    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.HttpProtobuf;

    /// <summary>The <c>service.name</c> of the gateway's spans (default <c>OTEL_SERVICE_NAME</c>, else <c>ocelot-gateway</c>).</summary>
    public string? ServiceName { get; set; }

    /// <summary>
    /// Share of new traces recorded, 0 to 1 (default 1, every request). A trace the caller already sampled or dropped keeps
    /// that decision. Recording every request costs throughput; busy gateways usually keep 0.01–0.1.
    /// </summary>
    [Range(0.0, 1.0)]
    public double SamplingRatio { get; set; } = 1.0;

    /// <summary>The URL spans are posted to: with HTTP, <c>/v1/traces</c> is appended unless the path already names it.</summary>
    public Uri? ResolveEndpoint()
    {
        if (string.IsNullOrWhiteSpace(OtlpEndpoint))
        {
            return null;
        }

        var endpoint = new Uri(OtlpEndpoint, UriKind.Absolute);
        if (OtlpProtocol != OtlpExportProtocol.HttpProtobuf || endpoint.AbsolutePath.EndsWith("/v1/traces", StringComparison.Ordinal))
        {
            return endpoint;
        }

        return new Uri(endpoint, endpoint.AbsolutePath.TrimEnd('/') + "/v1/traces");
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(OtlpEndpoint)
            && (!Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult(
                $"Gateway:Tracing:OtlpEndpoint must be an absolute http(s) URL, e.g. http://collector:4318; got '{OtlpEndpoint}'.",
                [nameof(OtlpEndpoint)]);
        }
    }
}
