using Microsoft.Extensions.Configuration;

namespace OcelotGateway.Hosting;

/// <summary>The host's settings as a command line tool reads them without starting the host: appsettings, then environment variables.</summary>
internal static class HostSettings
{
    public static IConfiguration Load(string environment) =>
        new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
}
