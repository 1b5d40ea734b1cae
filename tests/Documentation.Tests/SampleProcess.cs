using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Documentation.Tests;

/// <summary>
/// One program of the sample system run as <c>dotnet &lt;assembly&gt;</c> from its build folder, as run.sh runs it, on an
/// ephemeral port (<c>Urls=http://127.0.0.1:0</c>); the port is read from its "Now listening on" line. Its recent output is
/// kept for failure messages.
/// </summary>
internal sealed partial class SampleProcess : IAsyncDisposable
{
    private const int LinesKept = 200;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SampleProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public Uri Address { get; private set; } = null!;

    public string RecentOutput => string.Join('\n', _lines);

    /// <summary>
    /// Starts the built project, or <paramref name="executable"/> when given: a published program (such as the gateway's
    /// native build) run from its own folder in the project's place.
    /// </summary>
    public static async Task<SampleProcess> StartAsync(
        string name, string projectFolder, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, string? executable = null)
    {
        var program = executable ?? Repository.BuiltAssembly(projectFolder);
        if (!File.Exists(program))
        {
            throw new InvalidOperationException(executable is null
                ? $"{program} is missing: build the solution ({Repository.Configuration}) first."
                : $"{program} is missing: publish it first.");
        }

        var start = new ProcessStartInfo(executable ?? "dotnet", executable is null ? [program] : [])
        {
            WorkingDirectory = Path.GetDirectoryName(program)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["Urls"] = "http://127.0.0.1:0";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var sample = new SampleProcess(name, process);
        process.OutputDataReceived += (_, e) => sample.Receive(e.Data);
        process.ErrorDataReceived += (_, e) => sample.Receive(e.Data);
        process.Exited += (_, _) => sample._listening.TrySetException(
            new InvalidOperationException($"{name} exited during start-up:\n{sample.RecentOutput}"));
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            sample.Address = await sample._listening.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            await sample.DisposeAsync();
            throw new InvalidOperationException($"{name} did not listen within {timeout.TotalSeconds} s:\n{sample.RecentOutput}");
        }

        return sample;
    }

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
            return;
        }

        _lines.Enqueue(line);
        while (_lines.Count > LinesKept && _lines.TryDequeue(out _))
        {
        }

        if (ListeningOn().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups["address"].Value));
        }
    }

    [GeneratedRegex(@"Now listening on: (?<address>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
