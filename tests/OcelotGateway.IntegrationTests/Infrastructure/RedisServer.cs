using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> on 127.0.0.1 and a free port, without persistence, owned by the test run. The test command
/// installs redis-server when the machine lacks it.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private Process? _process;

    public int Port { get; private set; }

    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>
    /// Points a gateway at this server under its own key prefix. <paramref name="patient"/> is for tests about sharing, not
    /// outages: a generous operation timeout keeps a loaded CI machine from turning slow Redis answers into fallbacks.
    /// </summary>
    public void UseFrom(GatewayOptionsBuilder options, string prefix, bool patient = false)
    {
        options.Settings["Gateway:Redis:Configuration"] = Configuration;
        options.Settings["Gateway:Redis:KeyPrefix"] = prefix;
        if (patient)
        {
            options.Settings["Gateway:Redis:OperationTimeout"] = "00:00:05";
        }
    }

    public async Task InitializeAsync()
    {
        Port = FreePort();
        await StartProcessAsync();
    }

    /// <summary>
    /// Kills the server with SIGKILL (an outage: its data is gone, as after a crash without persistence);
    /// <see cref="RestartAsync"/> brings it back on the same port.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            await SignalAsync("-CONT");
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        _process?.Dispose();
        await StartProcessAsync();
    }

    /// <summary>
    /// Freezes the server with SIGSTOP: connections stay open and commands get no answer, as with a hung or unreachable
    /// Redis; its data survives. <see cref="ResumeAsync"/> thaws it.
    /// </summary>
    public Task PauseAsync() => SignalAsync("-STOP");

    public Task ResumeAsync() => SignalAsync("-CONT");

    public async Task DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
    }

    private async Task StartProcessAsync()
    {
        _process = Process.Start(new ProcessStartInfo("redis-server", ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "warning"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server could not be started; is it installed?");
        await WaitUntilReadyAsync();
    }

    private async Task SignalAsync(string signal)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using var kill = Process.Start(new ProcessStartInfo("kill", [signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
    }

    private async Task WaitUntilReadyAsync()
    {
        // redis-server gives no readiness signal but accepting connections; try to connect until it does (bounded).
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, deadline.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20, deadline.Token);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
