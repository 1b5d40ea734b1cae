using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OcelotGateway.Configuration.Loading;
using OcelotGateway.Configuration.Reload;
using OcelotGateway.Configuration.Validation;
using OcelotGateway.Discovery.ConfigurationStore;
using OcelotGateway.Discovery.Consul;

namespace OcelotGateway.Hosting;

/// <summary>
/// <c>validate [FOLDER] [--environment ENV]</c> or <c>validate --consul URL [--key KEY] [--token TOKEN]</c>: checks a route
/// folder, or the configuration stored in Consul KV, exactly as the gateway would at start-up (or on a KV change) and prints
/// every problem with its file (<c>consul://KEY</c> for KV), route and key. It builds the gateway host with its settings
/// (<c>appsettings*.json</c> of the environment) without starting it, and asks that host's own check: the same loader, rules,
/// authentication schemes and dry-run compile. Exit code 0 when it would be applied, 1 when not, 2 on bad arguments, when the
/// configuration could not be read or when the host's own settings are invalid; never anything else. Meant for operators' CI.
/// </summary>
public static class ValidateCommand
{
    public const string Name = "validate";

    /// <summary>Consul's own CLI variable for the ACL token, so a CI secret need not appear on a command line.</summary>
    public const string TokenVariable = "CONSUL_HTTP_TOKEN";

    public static bool IsRequested(string[] args) => args.Length > 0 && string.Equals(args[0], Name, StringComparison.OrdinalIgnoreCase);

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (HelpCommand.AsksForHelp(args))
        {
            await output.WriteLineAsync(ValidateArguments.Usage);
            return 0;
        }

        var arguments = ValidateArguments.Parse(
            args,
            Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production",
            Environment.GetEnvironmentVariable(TokenVariable),
            ConsulConfigurationStore.DefaultKey);
        if (arguments is null)
        {
            await output.WriteLineAsync(ValidateArguments.Usage);
            return 2;
        }

        try
        {
            return await ValidateAsync(arguments, output, cancellationToken);
        }
        catch (OptionsValidationException ex)
        {
            await output.WriteLineAsync("the gateway's settings are invalid, so it would not start:");
            foreach (var failure in ex.Failures)
            {
                await output.WriteLineAsync("  " + failure);
            }

            return 2;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await output.WriteLineAsync("could not be checked: " + ex.GetType().Name + ": " + ex.Message);
            return 2;
        }
    }

    private static async Task<int> ValidateAsync(ValidateArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        // The host exactly as it would start, short of starting: its settings, its services, its check.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = arguments.Environment,
            ContentRootPath = GatewayContentRoot.Options([]).ContentRootPath,
        });
        builder.AddOcelotGateway();
        await using var host = builder.Build();
        _ = host.Services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var manager = host.Services.GetRequiredService<GatewayConfigurationManager>();
        var loader = host.Services.GetRequiredService<RouteFileLoader>();

        LoadedConfiguration loaded;
        if (arguments.Consul is { } consul)
        {
            await output.WriteLineAsync($"Configuration in Consul KV key {arguments.Key} at {consul.GetLeftPart(UriPartial.Authority)}:");
            var read = await ReadKeyAsync(consul, arguments, cancellationToken);
            if (read.Error is not null)
            {
                await output.WriteLineAsync("could not be read: " + read.Error);
                return 2;
            }

            loaded = loader.LoadJson(read.Value!, "consul://" + arguments.Key);
        }
        else
        {
            var folder = arguments.Folder is null ? manager.ConfigFolder : ConfigFolderResolver.Resolve(arguments.Folder, host.Environment.ContentRootPath);
            await output.WriteLineAsync($"Route files in {folder} (environment {arguments.Environment}):");
            if (!Directory.Exists(folder))
            {
                // Like an unreachable Consul: nothing was read, so there is no verdict on the configuration itself.
                await output.WriteLineAsync("could not be read: the folder does not exist");
                return 2;
            }

            try
            {
                loaded = await loader.LoadFolderAsync(folder, arguments.Environment, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await output.WriteLineAsync("could not be read: " + ex.Message);
                return 2;
            }
        }

        var problems = await manager.CheckAsync(loaded);
        await output.WriteLineAsync(problems.Count == 0 ? "valid, no problems." : ConfigurationProblemsFormatter.Format(problems));
        return problems.Any(p => p.IsError) ? 1 : 0;
    }

    /// <summary>The key's text, or why it could not be had (no answer, refused, absent); the token never appears in the reason.</summary>
    private static async Task<(string? Value, string? Error)> ReadKeyAsync(Uri consul, ValidateArguments arguments, CancellationToken cancellationToken)
    {
        var baseAddress = consul.AbsoluteUri.EndsWith('/') ? consul : new Uri(consul.AbsoluteUri + "/");
        await using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var client = new ConsulClient(services.GetRequiredService<IHttpClientFactory>(), new ConsulEndpoint(baseAddress, arguments.Token, Namespace: null));
        try
        {
            var stored = await client.GetKeyAsync(arguments.Key, BlockingQuery.Immediate, cancellationToken);
            return stored.Value is null ? (null, "the key does not exist") : (stored.Value, null);
        }
        catch (Exception ex) when (ConsulClient.IsFailure(ex))
        {
            return (null, ex.Message);
        }
    }
}
