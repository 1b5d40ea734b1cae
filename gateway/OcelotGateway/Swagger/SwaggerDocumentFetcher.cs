using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OcelotGateway.Discovery;

namespace OcelotGateway.Swagger;

/// <summary>
/// Fetches downstream documents with the shared named <see cref="HttpClient"/>, each call bounded by
/// <see cref="SwaggerOptions.FetchTimeout"/>, and turns every failure into the status the gateway answers with: 503 when no
/// instance of the service is known, 504 when the service is too slow, 502 for anything else it does wrong.
/// </summary>
internal sealed partial class SwaggerDocumentFetcher
{
    public const string HttpClientName = "OcelotGateway.Swagger";

    private readonly IHttpClientFactory _httpClients;
    private readonly ServiceInstanceCache _services;
    private readonly IOptionsMonitor<SwaggerOptions> _options;
    private readonly ILogger<SwaggerDocumentFetcher> _logger;

    public SwaggerDocumentFetcher(
        IHttpClientFactory httpClients,
        ServiceInstanceCache services,
        IOptionsMonitor<SwaggerOptions> options,
        ILogger<SwaggerDocumentFetcher> logger)
    {
        _httpClients = httpClients;
        _services = services;
        _options = options;
        _logger = logger;
    }

    /// <summary>Where the document is read from now: its <c>Url</c>, or the first known instance of its <c>Service</c>.</summary>
    public Uri? Locate(SwaggerDocumentSource source)
    {
        if (source.Url is not null)
        {
            return source.Url;
        }

        if (source.ServiceName is null || _services.Find(source.ServiceName) is not [var instance, ..])
        {
            return null;
        }

        var scheme = source.ServiceScheme ?? (instance.Port == 443 ? "https" : "http");
        return new UriBuilder(scheme, instance.Host, instance.Port, source.ServicePath).Uri;
    }

    public async Task<DocumentFetch> FetchAsync(SwaggerDocumentSource source, Uri? url, CancellationToken cancellationToken)
    {
        if (url is null)
        {
            LogNoInstance(source.Key, source.Version, source.ServiceName);
            return DocumentFetch.Failure(
                StatusCodes.Status503ServiceUnavailable,
                $"No instance of service '{source.ServiceName}' is known, so the '{source.Label}' document cannot be fetched.");
        }

        var options = _options.CurrentValue;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.FetchTimeout);
        try
        {
            var client = _httpClients.CreateClient(HttpClientName);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                LogBadStatus(source.Key, source.Version, (int)response.StatusCode);
                return DocumentFetch.Failure(
                    StatusCodes.Status502BadGateway,
                    $"The service answered {(int)response.StatusCode} for the '{source.Label}' document.");
            }

            if (response.Content.Headers.ContentLength > options.MaxDocumentBytes)
            {
                return TooLarge(source, options);
            }

            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await body.ReadAsync(chunk, timeout.Token)) > 0)
            {
                if (buffer.Length + read > options.MaxDocumentBytes)
                {
                    return TooLarge(source, options);
                }

                buffer.Write(chunk, 0, read);
            }

            return DocumentFetch.Success(buffer.ToArray());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogTimeout(source.Key, source.Version, options.FetchTimeout);
            return DocumentFetch.Failure(
                StatusCodes.Status504GatewayTimeout,
                $"The service did not deliver the '{source.Label}' document within {options.FetchTimeout.TotalSeconds:0.###} s.");
        }
        catch (HttpRequestException exception)
        {
            LogUnreachable(source.Key, source.Version, exception.HttpRequestError);
            return DocumentFetch.Failure(
                StatusCodes.Status502BadGateway,
                $"The '{source.Label}' document could not be fetched: {Describe(exception)}.");
        }
    }

    private static DocumentFetch TooLarge(SwaggerDocumentSource source, SwaggerOptions options) =>
        DocumentFetch.Failure(
            StatusCodes.Status502BadGateway,
            $"The '{source.Label}' document is larger than {options.MaxDocumentBytes} bytes (Gateway:Swagger:MaxDocumentBytes).");

    private static string Describe(HttpRequestException exception) => exception.HttpRequestError switch
    {
        HttpRequestError.ConnectionError => "the service refused or dropped the connection",
        HttpRequestError.NameResolutionError => "the service's host name does not resolve",
        HttpRequestError.SecureConnectionError => "the TLS handshake with the service failed",
        _ => "the service's answer was not valid HTTP (" + exception.HttpRequestError + ")",
    };

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Swagger document {SwaggerKey}/{Version}: no instance of service {ServiceName} is known")]
    private partial void LogNoInstance(string swaggerKey, string version, string? serviceName);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Swagger document {SwaggerKey}/{Version}: the service answered {StatusCode}")]
    private partial void LogBadStatus(string swaggerKey, string version, int statusCode);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Swagger document {SwaggerKey}/{Version}: no answer within {Timeout}")]
    private partial void LogTimeout(string swaggerKey, string version, TimeSpan timeout);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Swagger document {SwaggerKey}/{Version}: the service cannot be reached ({Error})")]
    private partial void LogUnreachable(string swaggerKey, string version, HttpRequestError error);
}
