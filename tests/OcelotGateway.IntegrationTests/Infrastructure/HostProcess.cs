using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>
/// The built gateway host (<c>gateway/OcelotGateway.Host</c>) run as its own process with <c>dotnet</c>, from a working directory
/// and with environment variables of the test's choosing, as an operator or a service manager would start it. With
/// <c>OCELOT_GATEWAY_EXECUTABLE</c> set, that published gateway (the native build, see docs/deployment.md) runs instead, so these
/// tests check it too (test.sh does this for the native build).
/// </summary>
public sealed partial class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _output = new();

    private HostProcess(Process process)
    {
        _process = process;
    }

    public static string Assembly { get; } = Path.Combine(
        RepositoryRoot(), "gateway", "OcelotGateway.Host", "bin", Configuration(), "net10.0", "OcelotGateway.Host.dll");

    /// <summary>The published gateway to run in place of <see cref="Assembly"/>, if any.</summary>
    public static string? Executable { get; } =
        Environment.GetEnvironmentVariable("OCELOT_GATEWAY_EXECUTABLE") is { Length: > 0 } path ? Path.GetFullPath(path) : null;

    /// <summary>Everything written to standard output and error so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Runs the host to its end (a command, or a start-up that fails) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(workingDirectory, environment, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the host did not end within 90 s:\n" + await output + await error);
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>Starts a host that keeps running; <see cref="WaitForAsync"/> follows its output.</summary>
    public static HostProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var process = new Process { StartInfo = StartInfo(workingDirectory, environment, args) };
        var host = new HostProcess(process);
        process.OutputDataReceived += (_, e) => host.Receive(e.Data);
        process.ErrorDataReceived += (_, e) => host.Receive(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>The first line of output from now on that satisfies <paramref name="match"/>; fails after 60 s or when the host ends.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> match, string what)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (await _lines.Reader.WaitToReadAsync(deadline.Token))
            {
                while (_lines.Reader.TryRead(out var line))
                {
                    if (match(line))
                    {
                        return line;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        throw new InvalidOperationException($"no line {what} (host {(_process.HasExited ? "exited with " + _process.ExitCode : "running")}):\n{Output}");
    }

    /// <summary>Waits for Kestrel's "Now listening on" line and returns the address.</summary>
    public async Task<Uri> ListeningAddressAsync() =>
        new(ListeningAddress().Match(await WaitForAsync(l => l.Contains("Now listening on", StringComparison.Ordinal), "saying where it listens")).Value);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            _lines.Writer.TryComplete();
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        _lines.Writer.TryWrite(line);
    }

    private static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var info = new ProcessStartInfo(Executable ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Executable is null)
        {
            info.ArgumentList.Add(Assembly);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Nothing of the test run's own environment decides how the host starts.
        foreach (var inherited in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_URLS", "ASPNETCORE_CONTENTROOT", "DOTNET_CONTENTROOT" })
        {
            info.Environment.Remove(inherited);
        }

        info.Environment["Urls"] = "http://127.0.0.1:0";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return info;
    }

    private static string Configuration() => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "OcelotGateway.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("OcelotGateway.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:[0-9]+")]
    private static partial Regex ListeningAddress();
}
