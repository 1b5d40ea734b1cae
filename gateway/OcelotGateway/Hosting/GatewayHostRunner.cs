using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;
using OcelotGateway.Configuration.Reload;

namespace OcelotGateway.Hosting;

public static class GatewayHostRunner
{
    /// <summary>
    /// Runs the host; an invalid configuration or invalid <c>Gateway:*</c> settings at start-up print every problem, without a
    /// stack trace, and end with exit code 1.
    /// </summary>
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
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync(
                "Unable to start the gateway, its settings are invalid:" + Environment.NewLine + string.Join(Environment.NewLine, ex.Failures.Select(f => "  " + f)));
            return 1;
        }
    }
}
