using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OcelotGateway.Administration.Explain;
using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Configuration.Loading;
using OcelotGateway.Configuration.Reload;
using OcelotGateway.Configuration.Validation;

namespace OcelotGateway.Hosting;

/// <summary>
/// <c>explain [FOLDER] [--environment ENV] [--json] [--client-ip IP] METHOD URL [-H 'Name: value']...</c>: which route or
/// aggregate of a route folder would take a request and why the others would not, the placeholder values, the downstream
/// request after every transform and the policies on the way. Offline: the folder is loaded, validated and compiled as the
/// gateway would at start-up, with the host's settings (appsettings, environment variables) for what they decide, but no
/// server starts and nothing is called. Exit code 0 matched, 1 no route, 2 bad arguments or an invalid configuration.
/// </summary>
public static class ExplainCommand
{
    public const string Name = "explain";

    public static bool IsRequested(string[] args) => args.Length > 0 && string.Equals(args[0], Name, StringComparison.OrdinalIgnoreCase);

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production";
        var arguments = ExplainArguments.Parse(args, environment);
        return RunAsync(args, environment, HostSettings.Load(arguments?.Environment ?? environment), output, error, cancellationToken);
    }

    /// <param name="settings">The host's settings: administration path, trusted proxies, the default route folder.</param>
    public static async Task<int> RunAsync(
        string[] args, string defaultEnvironment, IConfiguration settings, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (ExplainArguments.Parse(args, defaultEnvironment) is not { } arguments)
        {
            await error.WriteLineAsync(ExplainArguments.Usage);
            return 2;
        }

        var folder = ConfigFolderResolver.Resolve(
            arguments.Folder ?? settings[GatewayOptions.SectionName + ":" + nameof(GatewayOptions.ConfigFolder)] ?? new GatewayOptions().ConfigFolder,
            AppContext.BaseDirectory);
        var loaded = await new RouteFileLoader().LoadFolderAsync(folder, arguments.Environment, cancellationToken);
        var problems = new ConfigurationValidator().Validate(loaded, new ValidationContext());
        if (problems.Any(p => p.IsError))
        {
            await error.WriteLineAsync($"Route files in {folder} (environment {arguments.Environment}) cannot be explained, they are invalid:");
            await error.WriteLineAsync(ConfigurationProblemsFormatter.Format(problems));
            return 2;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOcelotGateway(settings);
        await using var provider = services.BuildServiceProvider();
        var configuration = provider.GetRequiredService<ConfigurationCompiler>().Compile(loaded, generation: 1);
        if (!ExplainRequest.TryCreate(arguments.Method, arguments.Url, arguments.Headers, arguments.ClientAddress, BaseUri(configuration), out var request, out var invalid))
        {
            await error.WriteLineAsync(invalid);
            await error.WriteLineAsync(ExplainArguments.Usage);
            return 2;
        }

        var explanation = await provider.GetRequiredService<RouteExplainer>()
            .ExplainAsync(configuration, request, InstanceSource.Offline, cancellationToken);
        await output.WriteAsync(arguments.Json
            ? JsonSerializer.Serialize(explanation, ExplanationJson.Indented) + Environment.NewLine
            : $"Route files in {folder} (environment {arguments.Environment})" + Environment.NewLine + ExplanationText.Render(explanation));
        return explanation.Matched ? 0 : 1;
    }

    private static Uri BaseUri(CompiledConfiguration configuration) =>
        Uri.TryCreate(configuration.BaseUrl, UriKind.Absolute, out var baseUri) ? baseUri : new Uri(ConfigurationCompiler.DefaultBaseUrl);
}
