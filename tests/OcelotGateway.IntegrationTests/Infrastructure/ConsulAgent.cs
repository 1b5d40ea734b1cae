using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>
/// A real Consul agent (<c>consul agent -dev</c>: a single in-memory server) owned by one test: bound to 127.0.0.1 with every
/// port (HTTP, DNS, serf LAN and WAN, server RPC) chosen free by the test, gRPC off, its own data directory. With an ACL token
/// it runs with ACLs on, <c>default_policy</c> deny and that token as the master (and agent) token. <see cref="RestartAsync"/>
/// kills it and starts a fresh one on the same ports, which is what a <c>-dev</c> agent's restart is: every registration and
/// key is gone. The binary comes from <see cref="ConsulBinary"/>.
/// </summary>
public sealed class ConsulAgent : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly string _binary;
    private readonly int[] _ports;
    private readonly Queue<string> _output = new();
    private Process? _process;
    private string? _dataDirectory;

    private ConsulAgent(string binary, string? masterToken)
    {
        _binary = binary;
        MasterToken = masterToken;
        _ports = FreePorts(5);
        Client = new HttpClient { BaseAddress = new Uri(Address), Timeout = TimeSpan.FromSeconds(10) };
        if (masterToken is not null)
        {
            Client.DefaultRequestHeaders.Add("X-Consul-Token", masterToken);
        }
    }

    public int HttpPort => _ports[0];

    public string Address => "http://127.0.0.1:" + HttpPort.ToString(CultureInfo.InvariantCulture);

    /// <summary>The ACL master token when ACLs are on; null otherwise.</summary>
    public string? MasterToken { get; }

    /// <summary>A client of the agent's HTTP API, sending <see cref="MasterToken"/> when there is one.</summary>
    public HttpClient Client { get; }

    /// <summary>Starts an agent and waits until it has elected itself leader.</summary>
    public static async Task<ConsulAgent> StartAsync(string? masterToken = null)
    {
        var agent = new ConsulAgent(ConsulBinary.Path ?? throw new InvalidOperationException(ConsulBinary.MissingReason), masterToken);
        try
        {
            agent.Launch();
            await agent.WaitForLeaderAsync();
            return agent;
        }
        catch
        {
            await agent.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Kills the agent (no graceful leave) and starts a new one on the same ports with an empty data directory: all state is
    /// lost. Returns as soon as the process runs, without waiting for a leader, so callers meet the first seconds in which a
    /// fresh agent answers 500 (<c>No cluster leader</c>) as clients in production do.
    /// </summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        Launch();
    }

    /// <summary>Kills the agent: its port refuses connections until <see cref="RestartAsync"/>.</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            await process.WaitForExitAsync();
            process.Dispose();
            _process = null;
        }

        DeleteDataDirectory();
    }

    /// <summary>Waits until the agent answers with a leader (the ready state a fresh <c>-dev</c> agent reaches within seconds).</summary>
    public async Task WaitForLeaderAsync()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process is not { HasExited: false })
            {
                throw new InvalidOperationException("consul agent exited at start-up:" + Environment.NewLine + Output());
            }

            try
            {
                var leader = await Client.GetStringAsync("/v1/status/leader");
                if (leader.Trim() is { Length: > 2 })
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (clock.Elapsed > StartTimeout)
            {
                throw new TimeoutException("consul agent elected no leader within " + StartTimeout.TotalSeconds + " s:" + Environment.NewLine + Output());
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The agent's last output lines, for failure messages.</summary>
    public string Output()
    {
        lock (_output)
        {
            return string.Join(Environment.NewLine, _output);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Client.Dispose();
    }

    private void Launch()
    {
        _dataDirectory = Directory.CreateTempSubdirectory("ocelot-gateway-consul-").FullName;
        var arguments = new List<string>
        {
            "agent", "-dev", "-bind", "127.0.0.1", "-client", "127.0.0.1",
            "-http-port", Port(0), "-dns-port", Port(1), "-serf-lan-port", Port(2), "-serf-wan-port", Port(3), "-server-port", Port(4),
            "-grpc-port", "-1", "-data-dir", _dataDirectory, "-node", "gateway-tests", "-log-level", "warn",
        };
        if (MasterToken is not null)
        {
            var config = Path.Combine(_dataDirectory, "acl.json");
            File.WriteAllText(config, JsonSerializer.Serialize(new
            {
                acl = new { enabled = true, default_policy = "deny", down_policy = "extend-cache", tokens = new { master = MasterToken, agent = MasterToken } },
            }));
            arguments.AddRange(["-config-file", config]);
        }

        var start = new ProcessStartInfo(_binary, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var process = Process.Start(start) ?? throw new InvalidOperationException("consul could not be started from " + _binary);
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    private string Port(int index) => _ports[index].ToString(CultureInfo.InvariantCulture);

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > 50)
            {
                _output.Dequeue();
            }
        }
    }

    private void DeleteDataDirectory()
    {
        if (_dataDirectory is not null)
        {
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // The OS temp cleaner gets it later.
            }

            _dataDirectory = null;
        }
    }

    /// <summary>Ports free for TCP and UDP on 127.0.0.1 (serf and DNS use both), held together while chosen so they differ.</summary>
    private static int[] FreePorts(int count)
    {
        var held = new List<(Socket Tcp, Socket Udp)>();
        try
        {
            while (held.Count < count)
            {
                var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                var port = ((IPEndPoint)tcp.LocalEndPoint!).Port;
                var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                try
                {
                    udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                }
                catch (SocketException)
                {
                    tcp.Dispose();
                    udp.Dispose();
                    continue;
                }

                held.Add((tcp, udp));
            }

            return [.. held.Select(h => ((IPEndPoint)h.Tcp.LocalEndPoint!).Port)];
        }
        finally
        {
            foreach (var (tcp, udp) in held)
            {
                tcp.Dispose();
                udp.Dispose();
            }
        }
    }
}
