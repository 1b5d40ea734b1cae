using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>
/// A stand-in for Consul's HTTP API on a real Kestrel server (127.0.0.1, ephemeral port), for machines where Consul cannot be
/// installed. It implements what the gateway and the sample services use, with Consul's documented JSON shapes:
/// <c>GET /v1/health/service/{name}</c> (with the <c>passing</c> filter), <c>GET /v1/catalog/services</c>,
/// <c>GET/PUT/DELETE /v1/kv/{key}</c> (base64 <c>Value</c>, <c>ModifyIndex</c>, <c>cas</c>, <c>raw</c>),
/// <c>PUT /v1/agent/service/register</c> (HTTP checks are probed) and <c>deregister/{id}</c>, <c>GET /v1/agent/services</c> and
/// <c>/v1/agent/service/{id}</c>. Every response carries <c>X-Consul-Index</c>, and blocking queries behave as Consul's
/// (<see cref="ConsulIndex"/>): a request with <c>index=N</c> is held until the index moves past N or <c>wait</c> (default
/// 5 min, at most 10 min) ends. Every call is recorded with its token. Where the real agent (1.8.7, which the real-agent tests
/// run) differs from its documentation the stand-in follows the agent: see the agent endpoints, and <see cref="RestartAsync"/>
/// for a restart that loses the state and answers 500 while no leader is elected. What it does not model: ACL filtering
/// (a missing token is refused here, Consul answers as the anonymous token), several nodes, sessions.
/// </summary>
public sealed partial class ConsulStandIn : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private readonly ConsulIndex _index = new();
    private readonly Dictionary<string, ConsulRegistration> _services = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (byte[] Value, long CreateIndex, long ModifyIndex)> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CancellationTokenSource> _checks = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ConsulCall> _calls = new();
    private readonly HttpClient _checkClient = new() { Timeout = TimeSpan.FromSeconds(10) };
    private WebApplication _app = null!;
    private CancellationTokenSource _down = new();
    private volatile bool _isDown;
    private long _noLeaderUntil;

    private ConsulStandIn()
    {
    }

    public int Port { get; private set; }

    public string Address => "http://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>When set, every call must carry this ACL token (header <c>X-Consul-Token</c> or query <c>token</c>) or gets 403.</summary>
    public string? RequiredToken { get; set; }

    public IReadOnlyCollection<ConsulCall> Calls => _calls;

    /// <summary>Consul's current index; it moves on every change of services, checks or keys.</summary>
    public long Index => _index.Current;

    public IReadOnlyList<ConsulRegistration> Registrations => _index.Read(() => _services.Values.ToList());

    public static async Task<ConsulStandIn> StartAsync()
    {
        var standIn = new ConsulStandIn();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Use(standIn.GateAsync);
        app.MapGet("/v1/health/service/{name}", standIn.HealthAsync);
        app.MapGet("/v1/catalog/services", standIn.CatalogAsync);
        app.MapGet("/v1/agent/services", standIn.AgentServicesAsync);
        app.MapPut("/v1/agent/service/register", standIn.RegisterAsync);
        app.MapPut("/v1/agent/service/deregister/{id}", standIn.DeregisterAsync);
        app.MapGet("/v1/agent/service/{id}", standIn.AgentServiceAsync);
        app.MapGet("/v1/kv/{**key}", standIn.GetKeyAsync);
        app.MapPut("/v1/kv/{**key}", standIn.PutKeyAsync);
        app.MapDelete("/v1/kv/{**key}", standIn.DeleteKeyAsync);
        await app.StartAsync();
        standIn._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        standIn.Port = new Uri(address).Port;
        return standIn;
    }

    /// <summary>Registers (or replaces) an instance directly, as if its agent had registered it, with the given check status.</summary>
    public void AddInstance(
        string service, string id, string address, int port, string status = "passing", string node = "stand-in-node", string nodeAddress = "127.0.0.1") =>
        _index.Change(_ => _services[id] = new ConsulRegistration
        {
            ID = id,
            Name = service,
            Address = address,
            Port = port,
            Node = node,
            NodeAddress = nodeAddress,
            Status = status,
        });

    /// <summary>Sets the status of an instance's check: <c>passing</c>, <c>warning</c> or <c>critical</c>.</summary>
    public void SetStatus(string id, string status) => _index.Change(_ => _services[id].Status = status);

    public void RemoveInstance(string id) => _index.Change(_ => _services.Remove(id));

    public void PutKey(string key, string value) => _index.Change(next =>
        _keys[key] = (Encoding.UTF8.GetBytes(value), _keys.TryGetValue(key, out var existing) ? existing.CreateIndex : next, next));

    public string? GetKey(string key) =>
        _index.Read(() => _keys.TryGetValue(key, out var entry) ? Encoding.UTF8.GetString(entry.Value) : null);

    /// <summary>Consul goes away: open and new connections are dropped until <see cref="BringUp"/>.</summary>
    public void TakeDown()
    {
        _isDown = true;
        _down.Cancel();
    }

    public void BringUp()
    {
        _down = new CancellationTokenSource();
        _isDown = false;
    }

    /// <summary>
    /// A <c>-dev</c> agent's restart (or one that lost its data directory): open and new connections are dropped, every
    /// service, check and key is gone and the index starts again at 1; then for <paramref name="noLeaderFor"/> every call but the
    /// agent's own endpoints answers 500 <c>No cluster leader</c>, as a fresh agent does until it elects itself.
    /// </summary>
    public void Restart(TimeSpan noLeaderFor)
    {
        TakeDown();
        _index.Reset(() =>
        {
            foreach (var check in _checks.Values)
            {
                check.Cancel();
            }

            _checks.Clear();
            _services.Clear();
            _keys.Clear();
        });
        Volatile.Write(ref _noLeaderUntil, Environment.TickCount64 + (long)noLeaderFor.TotalMilliseconds);
        BringUp();
    }

    public async ValueTask DisposeAsync()
    {
        _index.Change(_ =>
        {
            foreach (var check in _checks.Values)
            {
                check.Cancel();
            }
        });

        _down.Cancel();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _checkClient.Dispose();
    }

    private async Task GateAsync(HttpContext context, RequestDelegate next)
    {
        var token = context.Request.Headers["X-Consul-Token"].FirstOrDefault() ?? context.Request.Query["token"].FirstOrDefault();
        _calls.Enqueue(new ConsulCall(context.Request.Method, context.Request.Path.Value ?? "/", context.Request.QueryString.Value ?? string.Empty, token));
        if (_isDown)
        {
            context.Abort();
            return;
        }

        if (Environment.TickCount64 < Volatile.Read(ref _noLeaderUntil) && !context.Request.Path.StartsWithSegments("/v1/agent", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsync("No cluster leader");
            return;
        }

        context.Response.Headers["X-Consul-Index"] = Index.ToString(CultureInfo.InvariantCulture);
        if (RequiredToken is { } required && !string.Equals(required, token, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("ACL not found");
            return;
        }

        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (_isDown)
        {
            context.Abort();
        }
    }

    private async Task HealthAsync(HttpContext context, string name)
    {
        var index = await BlockAsync(context);
        var passingOnly = context.Request.Query.ContainsKey("passing");
        var entries = _index.Read(() => _services.Values
            .Where(s => string.Equals(s.Name, name, StringComparison.Ordinal) && (!passingOnly || s.Status == "passing"))
            .OrderBy(s => s.Node, StringComparer.Ordinal)
            .ThenBy(s => s.ID, StringComparer.Ordinal)
            .Select(ConsulShapes.HealthEntry)
            .ToList());
        await WriteJsonAsync(context, index, entries);
    }

    private async Task CatalogAsync(HttpContext context)
    {
        var index = await BlockAsync(context);
        var services = _index.Read(() => _services.Values
            .GroupBy(s => s.Name!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(s => s.Tags ?? []).Distinct().ToList(), StringComparer.Ordinal));
        services["consul"] = [];
        await WriteJsonAsync(context, index, services);
    }

    private async Task GetKeyAsync(HttpContext context, string key)
    {
        var index = await BlockAsync(context);
        context.Response.Headers["X-Consul-Index"] = index.ToString(CultureInfo.InvariantCulture);
        if (_index.Read(() => _keys.TryGetValue(key, out var found) ? found : default((byte[] Value, long CreateIndex, long ModifyIndex)?)) is not { } entry)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (context.Request.Query.ContainsKey("raw"))
        {
            await context.Response.Body.WriteAsync(entry.Value, context.RequestAborted);
            return;
        }

        await WriteJsonAsync(context, index, new[] { ConsulShapes.KeyValue(key, entry.Value, entry.CreateIndex, entry.ModifyIndex) });
    }

    private async Task PutKeyAsync(HttpContext context, string key)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var cas = long.TryParse(context.Request.Query["cas"], NumberStyles.None, CultureInfo.InvariantCulture, out var expected) ? expected : (long?)null;
        var written = false;
        _index.Change(next =>
        {
            var exists = _keys.TryGetValue(key, out var existing);
            if (cas is { } required && (required == 0 ? exists : !exists || existing.ModifyIndex != required))
            {
                return;
            }

            _keys[key] = (body.ToArray(), exists ? existing.CreateIndex : next, next);
            written = true;
        });
        await WriteJsonAsync(context, Index, written);
    }

    private Task DeleteKeyAsync(HttpContext context, string key)
    {
        _index.Change(_ => _keys.Remove(key));
        return WriteJsonAsync(context, Index, true);
    }

    /// <summary>Consul's blocking query: with <c>index=N</c> (N &gt; 0) wait until the index passes N or <c>wait</c> ends.</summary>
    private async Task<long> BlockAsync(HttpContext context)
    {
        _ = long.TryParse(context.Request.Query["index"], NumberStyles.None, CultureInfo.InvariantCulture, out var seen);
        var wait = ConsulDuration.Parse(context.Request.Query["wait"], TimeSpan.FromMinutes(5));
        using var abandoned = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _down.Token);
        return await _index.WaitPastAsync(seen, wait, abandoned.Token);
    }

    private static Task WriteJsonAsync<T>(HttpContext context, long index, T value)
    {
        context.Response.Headers["X-Consul-Index"] = index.ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(value), context.RequestAborted);
    }
}
