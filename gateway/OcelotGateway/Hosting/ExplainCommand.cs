using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OcelotGateway.Administration.Explain;
using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Configuration.Loading;
using OcelotGateway.Configuration.Reload;
using OcelotGateway.Configuration.Validation;

namespace OcelotGateway.Hosting;

/// <summary>
/// <c>explain [FOLDER] [--environment ENV] [--json] [--client-ip IP] METHOD URL [-H 'Name: value']...</c>: which route or
/// aggregate of a route folder would take a request and why the others would not, the placeholder values, the downstream
/// request after every transform and the policies on the way. Offline: like <c>validate</c>, it builds the gateway host with
/// its settings (<c>appsettings*.json</c> of the environment) without starting it, and has that host check the folder (the
/// same loader, rules, schemes and dry-run compile), compile it and explain the request; no server starts and nothing is
/// called. Exit code 0 when the request would be forwarded, 1 when the gateway answers it itself (no route, a refusal, the
/// administration path), 2 on bad arguments, an unreadable folder, an invalid configuration or invalid host settings.
/// </summary>
public static class ExplainCommand
{
    public const string Name = "explain";

    public static bool IsRequested(string[] args) => args.Length > 0 && string.Equals(args[0], Name, StringComparison.OrdinalIgnoreCase);

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(
            args,
            Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production",
            GatewayContentRoot.Options([]).ContentRootPath,
            output,
            error,
            cancellationToken);

    /// <param name="contentRoot">Where the host's <c>appsettings*.json</c> are read from; null for the working directory.</param>
    public static async Task<int> RunAsync(
        string[] args, string defaultEnvironment, string? contentRoot, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (HelpCommand.AsksForHelp(args))
        {
            await output.WriteLineAsync(ExplainArguments.Usage);
            return 0;
        }

        if (ExplainArguments.Parse(args, defaultEnvironment) is not { } arguments)
        {
            await error.WriteLineAsync(ExplainArguments.Usage);
            return 2;
        }

        // A request no client could send is a bad argument, told before any folder is read (the base only places a bare path).
        if (await RequestAsync(arguments, new Uri(ConfigurationCompiler.DefaultBaseUrl), error) is null)
        {
            return 2;
        }

        try
        {
            return await ExplainAsync(arguments, contentRoot, output, error, cancellationToken);
        }
        catch (OptionsValidationException ex)
        {
            await error.WriteLineAsync("the gateway's settings are invalid, so it would not start:");
            foreach (var failure in ex.Failures)
            {
                await error.WriteLineAsync("  " + failure);
            }

            return 2;
        }
    }

    private static async Task<int> ExplainAsync(
        ExplainArguments arguments, string? contentRoot, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        // The host exactly as it would start, short of starting: its settings, its services, its check (as validate does).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = arguments.Environment, ContentRootPath = contentRoot });
        builder.AddOcelotGateway();
        await using var host = builder.Build();
        _ = host.Services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var manager = host.Services.GetRequiredService<GatewayConfigurationManager>();
        var folder = arguments.Folder is null ? manager.ConfigFolder : ConfigFolderResolver.Resolve(arguments.Folder, host.Environment.ContentRootPath);
        if (!Directory.Exists(folder))
        {
            await error.WriteLineAsync($"Route files in {folder} cannot be explained: the route folder does not exist.");
            return 2;
        }

        LoadedConfiguration loaded;
        try
        {
            loaded = await host.Services.GetRequiredService<RouteFileLoader>().LoadFolderAsync(folder, arguments.Environment, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Route files in {folder} cannot be explained, they could not be read: {ex.Message}");
            return 2;
        }

        var problems = await manager.CheckAsync(loaded);
        if (problems.Any(p => p.IsError))
        {
            await error.WriteLineAsync($"Route files in {folder} (environment {arguments.Environment}) cannot be explained, they are invalid:");
            await error.WriteLineAsync(ConfigurationProblemsFormatter.Format(problems));
            return 2;
        }

        var configuration = host.Services.GetRequiredService<ConfigurationCompiler>().Compile(loaded, generation: 1);
        if (await RequestAsync(arguments, BaseUri(configuration), error) is not { } request)
        {
            return 2;
        }

        var explanation = await host.Services.GetRequiredService<RouteExplainer>()
            .ExplainAsync(configuration, request, InstanceSource.Offline, cancellationToken);
        await output.WriteAsync(arguments.Json
            ? JsonSerializer.Serialize(explanation, ExplanationJson.Indented) + Environment.NewLine
            : $"Route files in {folder} (environment {arguments.Environment})" + Environment.NewLine + ExplanationText.Render(explanation));
        return explanation.Forwarded ? 0 : 1;
    }

    /// <summary>The request the arguments describe, sent to <paramref name="baseUri"/> when its URL is a path; null (said, with the usage) when none.</summary>
    private static async Task<ExplainRequest?> RequestAsync(ExplainArguments arguments, Uri baseUri, TextWriter error)
    {
        if (ExplainRequest.TryCreate(arguments.Method, arguments.Url, arguments.Headers, arguments.ClientAddress, baseUri, out var request, out var invalid))
        {
            return request;
        }

        await error.WriteLineAsync(invalid);
        await error.WriteLineAsync(ExplainArguments.Usage);
        return null;
    }

    private static Uri BaseUri(CompiledConfiguration configuration) =>
        Uri.TryCreate(configuration.BaseUrl, UriKind.Absolute, out var baseUri) ? baseUri : new Uri(ConfigurationCompiler.DefaultBaseUrl);
}
