using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;
using OcelotGateway.Configuration.Reload;

namespace OcelotGateway.Hosting;

public static class GatewayHostRunner
{
    /// <summary>
    /// Runs the host. Start-up failures an operator can fix without reading code end with a clear message on standard error
    /// instead of a stack trace: an invalid configuration or invalid <c>Gateway:*</c> settings (every problem, exit code 1) or
    /// an address already in use (one line, exit code 2).
    /// </summary>
    public static Task<int> RunGatewayAsync(this WebApplication app) => app.RunGatewayAsync(Console.Error);

    /// <inheritdoc cref="RunGatewayAsync(WebApplication)"/>
    public static async Task<int> RunGatewayAsync(this WebApplication app, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (GatewayConfigurationException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }
        catch (OptionsValidationException ex)
        {
            await error.WriteLineAsync(
                "Unable to start the gateway, its settings are invalid:" + Environment.NewLine + string.Join(Environment.NewLine, ex.Failures.Select(f => "  " + f)));
            return 1;
        }
        catch (IOException ex) when (IsAddressInUse(ex))
        {
            await error.WriteLineAsync(
                $"Unable to start the gateway: {ex.Message} Stop whatever listens there, or choose another address with --Urls.");
            return 2;
        }
    }

    /// <summary>
    /// Start-up failures <see cref="RunGatewayAsync(WebApplication, TextWriter)"/> reports itself; the generic host's "Hosting
    /// failed to start" log event for them would add the same text again with a stack trace, burying the reason.
    /// </summary>
    internal static bool ReportsItself(Exception exception) =>
        exception is GatewayConfigurationException or OptionsValidationException || (exception is IOException io && IsAddressInUse(io));

    private static bool IsAddressInUse(IOException exception) => exception.InnerException is AddressInUseException;
}
