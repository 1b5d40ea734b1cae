using OcelotGateway.Configuration.Loading;
using OcelotGateway.Configuration.Reload;
using OcelotGateway.Configuration.Validation;

namespace OcelotGateway.Hosting;

/// <summary>
/// <c>validate [FOLDER] [--environment ENV]</c>: checks a route folder exactly as the gateway would at start-up and prints
/// every problem; exit code 0 when it would start, 1 when not, 2 on bad arguments. Meant for operators' CI.
/// </summary>
public static class ValidateCommand
{
    public const string Name = "validate";

    public static bool IsRequested(string[] args) => args.Length > 0 && string.Equals(args[0], Name, StringComparison.OrdinalIgnoreCase);

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken = default)
    {
        string? folder = null;
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production";
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] is "--environment" or "-e" && i + 1 < args.Length)
            {
                environment = args[++i];
            }
            else if (folder is null && !args[i].StartsWith('-'))
            {
                folder = args[i];
            }
            else
            {
                await output.WriteLineAsync("usage: validate [FOLDER] [--environment ENV]");
                return 2;
            }
        }

        var resolved = ConfigFolderResolver.Resolve(folder ?? new GatewayOptions().ConfigFolder, AppContext.BaseDirectory);
        var loaded = await new RouteFileLoader().LoadFolderAsync(resolved, environment, cancellationToken);
        var problems = new ConfigurationValidator().Validate(loaded, new ValidationContext());
        await output.WriteLineAsync($"Route files in {resolved} (environment {environment}):");
        await output.WriteLineAsync(problems.Count == 0 ? "valid, no problems." : ConfigurationProblemsFormatter.Format(problems));
        return problems.Any(p => p.IsError) ? 1 : 0;
    }
}
