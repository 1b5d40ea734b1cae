using Microsoft.AspNetCore.Builder;

namespace OcelotGateway.Hosting;

/// <summary>
/// Where a gateway host reads its <c>appsettings*.json</c> from. ASP.NET Core takes the working directory, so a gateway started
/// from anywhere else (a service manager, a script in another folder) would run without its settings: no log sinks, no
/// authentication schemes, no administration API. Here the working directory is kept when it holds <c>appsettings.json</c>
/// (<c>dotnet run</c>, a container's WORKDIR) and the folder of the host's own files is used otherwise; a content root given
/// explicitly (<c>--contentRoot</c>, <c>ASPNETCORE_CONTENTROOT</c>, <c>DOTNET_CONTENTROOT</c>) always wins.
/// </summary>
public static class GatewayContentRoot
{
    private const string SettingsFile = "appsettings.json";

    /// <summary>Options for <c>WebApplication.CreateBuilder</c> with the content root chosen as described above.</summary>
    public static WebApplicationOptions Options(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return new WebApplicationOptions { Args = args, ContentRootPath = Choose(args, Directory.GetCurrentDirectory(), AppContext.BaseDirectory) };
    }

    /// <summary>The content root to use, or null to leave it to ASP.NET Core (the working directory, or one given explicitly).</summary>
    internal static string? Choose(string[] args, string workingDirectory, string baseDirectory)
    {
        var explicitly = args.Any(a => a.TrimStart('-', '/').StartsWith("contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));
        if (explicitly || File.Exists(Path.Combine(workingDirectory, SettingsFile)) || !File.Exists(Path.Combine(baseDirectory, SettingsFile)))
        {
            return null;
        }

        return baseDirectory;
    }
}
