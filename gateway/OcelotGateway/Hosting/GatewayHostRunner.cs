using Microsoft.AspNetCore.Builder;
using OcelotGateway.Configuration.Reload;

namespace OcelotGateway.Hosting;

public static class GatewayHostRunner
{
    /// <summary>Runs the host; an invalid configuration at start-up prints every problem and ends with exit code 1.</summary>
    public static async Task<int> RunGatewayAsync(this WebApplication app)
    {
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (GatewayConfigurationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
    }
}
