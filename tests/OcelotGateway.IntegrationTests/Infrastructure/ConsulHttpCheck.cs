namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>Runs a registration's HTTP check as a Consul agent does: 2xx passing, 429 warning, anything else or no answer critical.</summary>
internal static class ConsulHttpCheck
{
    public static async Task RunAsync(HttpClient client, Uri url, TimeSpan interval, Action<string> report, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            string status;
            try
            {
                using var response = await client.GetAsync(url, cancellationToken);
                status = response.IsSuccessStatusCode ? "passing" : (int)response.StatusCode == 429 ? "warning" : "critical";
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                status = "critical";
            }

            report(status);
            try
            {
                await Task.Delay(interval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
