using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>
/// A real Kestrel server on 127.0.0.1 and an ephemeral port standing in for a downstream service. It records every request
/// it receives (so tests can count calls and see exactly what the gateway sent) and answers with the given handler, by
/// default an echo of what it received.
/// </summary>
public sealed class DownstreamStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();

    private DownstreamStub(WebApplication app)
    {
        _app = app;
    }

    public int Port { get; private set; }

    public string Address => $"http://127.0.0.1:{Port}";

    public IReadOnlyCollection<ReceivedRequest> Received => _received;

    public int Count => _received.Count;

    public Func<HttpContext, Task> Handler { get; set; } = EchoAsync;

    public static async Task<DownstreamStub> StartAsync(Func<HttpContext, Task>? handler = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = null);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new DownstreamStub(app);
        if (handler is not null)
        {
            stub.Handler = handler;
        }

        app.Run(async context =>
        {
            stub._received.Enqueue(ReceivedRequest.From(context));
            await stub.Handler(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        stub.Port = new Uri(address).Port;
        return stub;
    }

    public void Clear() => _received.Clear();

    public static Task EchoAsync(HttpContext context)
    {
        var request = context.Request;
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return context.Response.WriteAsJsonAsync(new EchoResponse(
            request.Method,
            context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
            request.Path.Value ?? string.Empty,
            request.QueryString.Value ?? string.Empty,
            headers));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
