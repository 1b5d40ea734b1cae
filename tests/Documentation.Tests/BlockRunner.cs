using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Documentation.Tests;

/// <summary>
/// Runs one documented block with bash as a reader would paste it into a terminal at the repository's root, with
/// <c>set -eo pipefail</c> (a failing command fails the block) and standard error merged into the output.
/// <c>dotnet run --project P -- ARGS</c> runs P's build output the way <c>dotnet run</c> would (launch profile's
/// environment, P's folder as working directory) without building it again.
/// </summary>
internal static class BlockRunner
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static async Task<(int ExitCode, string Output)> RunAsync(string script, string workingDirectory)
    {
        var file = Path.Combine(workingDirectory, ".doc-block-" + Guid.NewGuid().ToString("N") + ".sh");
        await File.WriteAllTextAsync(file, Prelude() + script + "\n");
        try
        {
            var start = new ProcessStartInfo("bash", [file])
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };

            // What a reader's shell has, not what the test host set for itself.
            foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
                || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || k is "ASPNETCORE_ENVIRONMENT" or "DOTNET_ENVIRONMENT").ToList())
            {
                start.Environment.Remove(key);
            }

            using var process = Process.Start(start)!;
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                return (-1, (await output + await error).Replace("\r", string.Empty, StringComparison.Ordinal)
                    + $"\n(doc test: stopped after {Timeout.TotalSeconds} s)");
            }

            return (process.ExitCode, (await output + await error).Replace("\r", string.Empty, StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Prelude()
    {
        var script = new StringBuilder();
        script.AppendLine("set -eo pipefail");
        script.AppendLine("exec 2>&1");
        script.AppendLine("dotnet() {");
        script.AppendLine("  if [ \"${1:-}\" != run ]; then command dotnet \"$@\"; return; fi");
        script.AppendLine("  shift");
        script.AppendLine("  local project='' quiet=0 profile=1");
        script.AppendLine("  while [ $# -gt 0 ]; do");
        script.AppendLine("    case \"$1\" in");
        script.AppendLine("      --) shift; break ;;");
        script.AppendLine("      --project) project=\"${2%/}\"; shift 2 ;;");
        script.AppendLine("      -v|--verbosity) case \"$2\" in q|quiet|m|minimal) quiet=1 ;; esac; shift 2 ;;");
        script.AppendLine("      -c|--configuration) shift 2 ;;");
        script.AppendLine("      --no-build|--no-restore) shift ;;");
        script.AppendLine("      --no-launch-profile) profile=0; shift ;;");
        script.AppendLine("      *) echo \"doc test: 'dotnet run' option $1 is not emulated; add it to BlockRunner\" >&2; return 97 ;;");
        script.AppendLine("    esac");
        script.AppendLine("  done");
        script.AppendLine("  case \"$project\" in");
        foreach (var project in RunnableProjects())
        {
            var environment = string.Join(' ', LaunchEnvironment(project).Select(e => e.Key + "=" + e.Value));
            script.AppendLine($"    {project})");
            script.AppendLine($"      [ $profile -eq 1 ] && [ $quiet -eq 0 ] && echo 'Using launch settings from {project}/Properties/launchSettings.json...'");
            // dotnet run starts a web project in its own folder; env runs the dotnet program itself, not this function.
            script.AppendLine($"      if [ $profile -eq 1 ]; then (cd '{project}' && env {environment} dotnet '{Repository.BuiltAssembly(project)}' \"$@\"); "
                + $"else (cd '{project}' && command dotnet '{Repository.BuiltAssembly(project)}' \"$@\"); fi ;;");
        }

        script.AppendLine("    *) echo \"doc test: no runnable project '$project'\" >&2; return 97 ;;");
        script.AppendLine("  esac");
        script.AppendLine("}");
        return script.ToString();
    }

    /// <summary>Project folders with a launch profile: the ones a reader would <c>dotnet run</c>.</summary>
    private static IEnumerable<string> RunnableProjects() =>
        new[] { "gateway", "services" }
            .SelectMany(area => Directory.GetDirectories(Path.Combine(Repository.Root, area)))
            .Where(folder => File.Exists(Path.Combine(folder, "Properties", "launchSettings.json")))
            .Select(folder => Path.GetRelativePath(Repository.Root, folder).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    /// <summary>The environment variables of the project's first launch profile, which <c>dotnet run</c> applies.</summary>
    private static IEnumerable<KeyValuePair<string, string>> LaunchEnvironment(string project)
    {
        using var settings = SampleSystem.LaunchSettings(project);
        var profile = settings.RootElement.GetProperty("profiles").EnumerateObject().First().Value;
        return profile.TryGetProperty("environmentVariables", out var variables)
            ? [.. variables.EnumerateObject().Select(v => new KeyValuePair<string, string>(v.Name, v.Value.GetString() ?? string.Empty))]
            : [];
    }
}
