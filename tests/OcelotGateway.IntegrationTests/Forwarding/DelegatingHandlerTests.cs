using System.Net.Http.Json;
using OcelotGateway.Hosting;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Forwarding;

/// <summary>Ocelot's <c>DelegatingHandlers</c>: registered handlers wrap the downstream call in Ocelot's order.</summary>
public sealed class DelegatingHandlerTests : IClassFixture<StubFixture>
{
    private readonly DownstreamStub _stub;

    public DelegatingHandlerTests(StubFixture fixture)
    {
        _stub = fixture.Stub;
        _stub.Handler = DownstreamStub.EchoAsync;
    }

    [Fact]
    public async Task ListedAndGlobalHandlers_WrapTheCall_GlobalOutermost_ListedInOrder()
    {
        await using var gateway = await GatewayInstance.StartAsync(
            Routes(
                Route(_stub, "/with/{everything}", "/{everything}", new { DelegatingHandlers = new[] { nameof(SecondHandler), nameof(FirstHandler) } }),
                Route(_stub, "/without/{everything}", "/{everything}")),
            o => o.ConfigureServices = services => services
                .AddGatewayDelegatingHandler<FirstHandler>()
                .AddGatewayDelegatingHandler<SecondHandler>()
                .AddGatewayDelegatingHandler<AuditHandler>(global: true));

        var with = await gateway.Client.GetFromJsonAsync<EchoResponse>("/with/a");
        var without = await gateway.Client.GetFromJsonAsync<EchoResponse>("/without/a");

        Assert.Equal("AuditHandler,SecondHandler,FirstHandler", with!.Headers["X-Handlers"]);
        Assert.Equal("AuditHandler", without!.Headers["X-Handlers"]);
    }

    [Fact]
    public async Task UnregisteredHandlerName_IsAConfigurationError()
    {
        var failure = await Assert.ThrowsAsync<OcelotGateway.Configuration.Reload.GatewayConfigurationException>(() => GatewayInstance.StartAsync(
            Routes(Route(_stub, "/{everything}", "/{everything}", new { DelegatingHandlers = new[] { "MissingHandler" } }))));

        Assert.Contains("DelegatingHandlers[0]", failure.Message, StringComparison.Ordinal);
        Assert.Contains("no delegating handler named 'MissingHandler'", failure.Message, StringComparison.Ordinal);
    }

    private abstract class NamingHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var seen = request.Headers.TryGetValues("X-Handlers", out var values) ? values.Single() + "," : string.Empty;
            request.Headers.Remove("X-Handlers");
            request.Headers.Add("X-Handlers", seen + GetType().Name);
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class FirstHandler : NamingHandler;

    private sealed class SecondHandler : NamingHandler;

    private sealed class AuditHandler : NamingHandler;
}
