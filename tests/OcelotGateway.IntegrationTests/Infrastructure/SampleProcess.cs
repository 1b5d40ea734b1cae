using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>
/// The Stock sample service as a process of its own (<c>dotnet Stock.Api.dll</c> from the test's output folder) on
/// 127.0.0.1 and a port the test chose, so that it can really crash (<see cref="KillAsync"/>: SIGKILL, no deregistration) and be
/// started again on the same address.
/// </summary>
public sealed class SampleProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SampleProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Starts the service with <c>Consul:*</c> and other settings as <c>--Key=Value</c> arguments; returns once it is ready.</summary>
    public static async Task<SampleProcess> StartAsync(int port, params string[] settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Stock.Api.dll"));
        start.ArgumentList.Add("--urls=http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--Serilog:MinimumLevel:Default=Warning");
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet Stock.Api.dll could not be started");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var sample = new SampleProcess(process, port);
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            await Eventually.HoldsAsync(
                async () =>
                {
                    try
                    {
                        using var ready = await client.GetAsync($"http://127.0.0.1:{port}/health/ready");
                        return ready.IsSuccessStatusCode;
                    }
                    catch (HttpRequestException)
                    {
                        return process.HasExited ? throw new InvalidOperationException("Stock.Api exited with " + process.ExitCode) : false;
                    }
                },
                TimeSpan.FromSeconds(30),
                "Stock.Api answers /health/ready");
            return sample;
        }
        catch
        {
            await sample.DisposeAsync();
            throw;
        }
    }

    /// <summary>A free port on 127.0.0.1 for a service the test will start (and maybe restart) there.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>SIGKILL: the process ends at once, without deregistering from Consul.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
