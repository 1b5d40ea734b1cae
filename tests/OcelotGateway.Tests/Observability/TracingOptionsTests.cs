using System.ComponentModel.DataAnnotations;
using OcelotGateway.Observability.Tracing;
using OpenTelemetry.Exporter;

namespace OcelotGateway.Tests.Observability;

public sealed class TracingOptionsTests
{
    [Theory]
    [InlineData("http://collector:4318", "http://collector:4318/v1/traces")]
    [InlineData("http://collector:4318/", "http://collector:4318/v1/traces")]
    [InlineData("http://collector:4318/otlp", "http://collector:4318/otlp/v1/traces")]
    [InlineData("http://collector:4318/v1/traces", "http://collector:4318/v1/traces")]
    public void ResolveEndpoint_HttpProtobuf_PostsToTracesPath(string configured, string expected) =>
        Assert.Equal(new Uri(expected), new TracingOptions { OtlpEndpoint = configured }.ResolveEndpoint());

    [Fact]
    public void ResolveEndpoint_Grpc_KeepsTheEndpoint() =>
        Assert.Equal(
            new Uri("http://collector:4317"),
            new TracingOptions { OtlpEndpoint = "http://collector:4317", OtlpProtocol = OtlpExportProtocol.Grpc }.ResolveEndpoint());

    [Fact]
    public void ResolveEndpoint_NotConfigured_IsNull() => Assert.Null(new TracingOptions().ResolveEndpoint());

    [Theory]
    [InlineData("collector:4318")]
    [InlineData("ftp://collector")]
    [InlineData("not a url")]
    public void Validate_NotAnAbsoluteHttpUrl_IsAnError(string endpoint)
    {
        var options = new TracingOptions { OtlpEndpoint = endpoint };

        var errors = options.Validate(new ValidationContext(options)).ToList();

        Assert.Contains(errors, e => e.MemberNames.Contains(nameof(TracingOptions.OtlpEndpoint)));
    }

    [Theory]
    [InlineData(-0.1, false)]
    [InlineData(0.0, true)]
    [InlineData(0.05, true)]
    [InlineData(1.0, true)]
    [InlineData(1.5, false)]
    public void Validate_SamplingRatio_MustBeBetweenZeroAndOne(double ratio, bool valid)
    {
        var options = new TracingOptions { SamplingRatio = ratio };

        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), null, validateAllProperties: true));
    }
}
