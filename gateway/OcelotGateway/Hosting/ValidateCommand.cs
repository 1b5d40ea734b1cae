using Microsoft.Extensions.DependencyInjection;
using OcelotGateway.Configuration.Loading;
using OcelotGateway.Configuration.Reload;
using OcelotGateway.Configuration.Validation;
using OcelotGateway.Discovery.ConfigurationStore;
using OcelotGateway.Discovery.Consul;

namespace OcelotGateway.Hosting;

/// <summary>
/// <c>validate [FOLDER] [--environment ENV]</c> or <c>validate --consul URL [--key KEY] [--token TOKEN]</c>: checks a route
/// folder, or the configuration stored in Consul KV, exactly as the gateway would at start-up (or on a KV change) and prints
/// every problem with its file (<c>consul://KEY</c> for KV), route and key. Exit code 0 when it would be applied, 1 when not,
/// 2 on bad arguments or when the configuration could not be read. Meant for operators' CI.
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

            loaded = new RouteFileLoader().LoadJson(read.Value!, "consul://" + arguments.Key);
        }
        else
        {
            var resolved = ConfigFolderResolver.Resolve(arguments.Folder ?? new GatewayOptions().ConfigFolder, AppContext.BaseDirectory);
            await output.WriteLineAsync($"Route files in {resolved} (environment {arguments.Environment}):");
            if (!Directory.Exists(resolved))
            {
                // Like an unreachable Consul: nothing was read, so there is no verdict on the configuration itself.
                await output.WriteLineAsync("could not be read: the folder does not exist");
                return 2;
            }

            loaded = await new RouteFileLoader().LoadFolderAsync(resolved, arguments.Environment, cancellationToken);
        }

        var problems = new ConfigurationValidator().Validate(loaded, new ValidationContext());
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
