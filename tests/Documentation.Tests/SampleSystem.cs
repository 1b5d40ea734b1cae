using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Documentation.Tests;

/// <summary>
/// The sample system the documentation talks about, as <c>./run.sh</c> starts it — the Stock, Esg and Finance services and the
/// gateway on the Development route files of <c>ocelot/</c> — but on ephemeral ports, so it can run next to <c>./run.sh</c>.
/// Blocks run in a workspace that looks like the repository (every top-level entry linked) except that <c>ocelot/</c> is the
/// gateway's own copy with the services' ports, so commands that read or change route files act on the running gateway.
/// </summary>
public sealed partial class SampleSystem : IAsyncLifetime
{
    /// <summary>The ports the documentation uses, as run.sh binds them.</summary>
    public const int GatewayPort = 5000;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private static readonly (string Name, string Project, int Port)[] Services =
    [
        ("stock", "services/Stock.Api", 5101),
        ("esg", "services/Esg.Api", 5102),
        ("finance", "services/Finance.Api", 5103),
    ];

    private readonly List<SampleProcess> _processes = [];

    public string Workspace { get; private set; } = null!;

    /// <summary>Documented address (<c>127.0.0.1:5000</c>) → where that program listens in this run.</summary>
    public IReadOnlyDictionary<string, string> Addresses { get; private set; } = new Dictionary<string, string>();

    private SampleProcess Gateway => _processes[^1];

    public string RecentGatewayOutput => Gateway.RecentOutput;

    public async Task InitializeAsync()
    {
        Workspace = Directory.CreateTempSubdirectory("ocelot-gateway-docs-").FullName;
        var addresses = new Dictionary<string, string>(StringComparer.Ordinal);
        var started = await Task.WhenAll(Services.Select(s => SampleProcess.StartAsync(s.Name, s.Project, new Dictionary<string, string>(), StartTimeout)));
        _processes.AddRange(started);
        for (var i = 0; i < Services.Length; i++)
        {
            addresses[Local(Services[i].Port)] = Local(started[i].Address.Port);
        }

        PrepareWorkspace(addresses);
        var gateway = await SampleProcess.StartAsync(
            "gateway",
            "gateway/OcelotGateway.Host",
            new Dictionary<string, string> { ["Gateway__ConfigFolder"] = Path.Combine(Workspace, "ocelot") },
            StartTimeout,
            GatewayExecutable());
        _processes.Add(gateway);
        addresses[Local(GatewayPort)] = Local(gateway.Address.Port);
        Addresses = addresses;

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var process in _processes)
        {
            await WaitReadyAsync(client, process);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        if (Workspace is not null)
        {
            Directory.Delete(Workspace, recursive: true);
        }
    }

    /// <summary>
    /// <c>OCELOT_GATEWAY_EXECUTABLE</c>, when set, names a published gateway (the native build, see docs/deployment.md) to run
    /// in place of the built host, so the documented commands check that build too (test.sh does this for the native build).
    /// </summary>
    private static string? GatewayExecutable() =>
        Environment.GetEnvironmentVariable("OCELOT_GATEWAY_EXECUTABLE") is { Length: > 0 } path ? Path.GetFullPath(path) : null;

    /// <summary>A command as documented, with the documented addresses replaced by this run's.</summary>
    public string Localize(string code) =>
        Addresses.Aggregate(code, (text, address) => Regex.Replace(text, Regex.Escape(address.Key) + @"(?!\d)", address.Value));

    private static string Local(int port) => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}");

    private void PrepareWorkspace(IReadOnlyDictionary<string, string> serviceAddresses)
    {
        foreach (var entry in new DirectoryInfo(Repository.Root).EnumerateFileSystemInfos())
        {
            if (entry.Name is not ".git" and not "ocelot")
            {
                File.CreateSymbolicLink(Path.Combine(Workspace, entry.Name), entry.FullName);
            }
        }

        var ports = serviceAddresses.Select(a => (From: PortOf(a.Key), To: PortOf(a.Value))).ToList();
        var source = Path.Combine(Repository.Root, "ocelot");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar)[0] == "replaced")
            {
                continue;
            }

            var target = Path.Combine(Workspace, "ocelot", relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, ports.Aggregate(File.ReadAllText(file), (text, port) => PortNumber().Replace(
                text.Replace(Local(port.From), Local(port.To), StringComparison.Ordinal),
                m => m.Groups["port"].Value == port.From.ToString(CultureInfo.InvariantCulture)
                    ? m.Groups["key"].Value + port.To.ToString(CultureInfo.InvariantCulture)
                    : m.Value)));
        }
    }

    private static int PortOf(string address) => int.Parse(address[(address.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);

    [GeneratedRegex("""(?<key>"Port"\s*:\s*)(?<port>\d+)""")]
    private static partial Regex PortNumber();

    private static async Task WaitReadyAsync(HttpClient client, SampleProcess process)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(new Uri(process.Address, "/health/ready"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{process.Name} was not ready within {StartTimeout.TotalSeconds} s:\n{process.RecentOutput}");
            }

            // Readiness has no event to wait on from outside the process; poll it.
            await Task.Delay(100);
        }
    }

    internal static JsonDocument LaunchSettings(string projectFolder)
    {
        var path = Path.Combine(Repository.Root, projectFolder, "Properties", "launchSettings.json");
        return JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
    }
}
