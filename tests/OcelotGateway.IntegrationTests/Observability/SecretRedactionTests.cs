using System.Text;
using CsCheck;
using Microsoft.Extensions.Logging;
using OcelotGateway.IntegrationTests.Infrastructure;
using OcelotGateway.Observability.Logging;
using OcelotGateway.Testing;
using Serilog.Formatting.Compact;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Observability;

/// <summary>
/// Every category at its most verbose, requests carrying secrets in the query and in credential headers, a malformed request
/// whose rejection Kestrel logs with the target: no secret appears in anything the process logs.
/// </summary>
public sealed class SecretRedactionTests
{
    private static readonly Gen<string> SecretName = Gen.OneOf([.. LogRedactionOptions.DefaultQueryParameters])
        .SelectMany(name => Gen.Bool.Array[name.Length].Select(upper => new string([.. name.Select((c, i) => upper[i] ? char.ToUpperInvariant(c) : c)])));

    private static readonly Gen<string> SecretValue = Gen.String[Gen.Char.AlphaNumeric, 10, 16].Select(v => "S3cr" + v);

    private static readonly Gen<(string Name, string Value, string Credential)> Requests = Gen.Select(SecretName, SecretValue, SecretValue);

    [Fact]
    public async Task SerilogHost_EveryCategoryVerbose_NoSecretInAnyRenderedLine_PropertyOrException()
    {
        var sink = new CapturingSerilogSink();
        await using var stub = await DownstreamStub.StartAsync();
        await using var gateway = await GatewayInstance.StartAsync(
            Routes(Route(stub, "/secret/{everything}", "/api/{everything}", new { Key = "secret" })),
            o =>
            {
                o.UseSerilogHost = true;
                o.ConfigureServices = services => services.AddSingleton<Serilog.Core.ILogEventSink>(sink);
                o.Settings["Serilog:MinimumLevel:Default"] = "Verbose";
            });

        var secrets = await SendSecretsAsync(gateway, stub);

        var output = new StringWriter();
        var formatter = new RenderedCompactJsonFormatter();
        foreach (var logEvent in sink.Events)
        {
            formatter.Format(logEvent, output);
        }

        AssertNoSecret(output.ToString(), secrets);
        Assert.Contains(sink.Events, e => e.RenderMessage().StartsWith("Request starting", StringComparison.Ordinal) && e.RenderMessage().Contains(LogRedactor.Redacted, StringComparison.Ordinal));
        Assert.Contains(sink.Events, e => e.RenderMessage().StartsWith("Proxying to", StringComparison.Ordinal) && e.RenderMessage().Contains(LogRedactor.Redacted, StringComparison.Ordinal));
        Assert.Contains(sink.Events, e => e.Exception is not null && e.Exception.ToString().Contains(LogRedactor.Redacted, StringComparison.Ordinal));
    }

    [Fact]
    public async Task LoggingProviders_EveryCategoryAtTrace_NoSecretInAnyMessage_PropertyOrException()
    {
        var logs = new CapturingLoggerProvider();
        await using var stub = await DownstreamStub.StartAsync();
        await using var gateway = await GatewayInstance.StartAsync(
            Routes(Route(stub, "/secret/{everything}", "/api/{everything}", new { Key = "secret" })),
            o =>
            {
                o.Logs = logs;
                o.Settings["Logging:LogLevel:Default"] = "Trace";
            });

        var secrets = await SendSecretsAsync(gateway, stub);

        var output = new StringBuilder();
        foreach (var entry in logs.Entries)
        {
            output.AppendLine(entry.Message).AppendJoin(' ', entry.Properties.Values).AppendLine().AppendLine(entry.Exception?.ToString());
        }

        AssertNoSecret(output.ToString(), secrets);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Debug && e.Exception is not null && e.Message.Contains(LogRedactor.Redacted, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConfiguredParameterNames_AreRedacted_InFrameworkLines()
    {
        var logs = new CapturingLoggerProvider();
        await using var stub = await DownstreamStub.StartAsync();
        await using var gateway = await GatewayInstance.StartAsync(
            Routes(Route(stub, "/people", "/people")),
            o =>
            {
                o.Logs = logs;
                o.Settings["Logging:LogLevel:Default"] = "Information";
                o.Settings["Gateway:LogRedaction:QueryParameters:0"] = "ssn";
            });

        await gateway.Client.GetAsync("/people?ssn=078051120&page=2");
        await Eventually.HoldsAsync(() => logs.Entries.Any(e => e.EventId == 1000), TimeSpan.FromSeconds(15), "request line logged");

        Assert.Contains(logs.Entries, e => e.Message.Contains("?ssn=[redacted]&page=2", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("078051120", StringComparison.Ordinal));
    }

    /// <summary>Generated requests with secrets in the query and credential headers, then a request line Kestrel refuses.</summary>
    private static async Task<List<string>> SendSecretsAsync(GatewayInstance gateway, DownstreamStub stub)
    {
        var secrets = new List<string>();
        await GeneratedCases.CheckAsync(Requests, 25, async request =>
        {
            var (name, value, credential) = request;
            secrets.Add(value);
            secrets.Add(credential);
            using var message = new HttpRequestMessage(HttpMethod.Get, $"/secret/orders?page=2&{name}={value}");
            message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + credential);
            message.Headers.TryAddWithoutValidation("Proxy-Authorization", "Basic " + credential);
            message.Headers.TryAddWithoutValidation("Cookie", "sid=" + credential);
            var response = await gateway.Client.SendAsync(message);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        });

        const string refused = "S3crRefusedTarget";
        secrets.Add(refused);
        var badRequest = Encoding.ASCII.GetBytes($"GET secret/x?token={refused} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        Assert.Equal(400, (await RawHttp.SendAsync(gateway.BaseAddress, badRequest)).StatusCode);

        Assert.Equal(25, stub.Count);
        return secrets;
    }

    private static void AssertNoSecret(string output, List<string> secrets)
    {
        Assert.True(output.Length > 10_000, "Verbose logging should have written plenty: " + output.Length);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
        }
    }
}
