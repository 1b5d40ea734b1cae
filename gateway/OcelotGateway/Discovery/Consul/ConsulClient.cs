using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace OcelotGateway.Discovery.Consul;

/// <summary>
/// The few calls of Consul's HTTP API the gateway makes, on plain <see cref="HttpClient"/>s from the factory's named client
/// <see cref="HttpClientName"/>, one per call as the factory intends (the Consul client package is not used): the passing instances of a service and the service catalog (both as blocking queries) and one KV key. The ACL token
/// goes in <c>X-Consul-Token</c>, an Enterprise namespace in <c>ns</c>. Failures surface as <see cref="HttpRequestException"/>
/// (no connection, or an error status), <see cref="TimeoutException"/>, <see cref="JsonException"/> or
/// <see cref="FormatException"/> (a value that is not base64); see <see cref="IsFailure"/>.
/// </summary>
internal sealed class ConsulClient
{
    /// <summary>The <see cref="IHttpClientFactory"/> client every Consul call uses.</summary>
    public const string HttpClientName = "OcelotGateway.Consul";

    public const string TokenHeader = "X-Consul-Token";
    public const string IndexHeader = "X-Consul-Index";

    /// <summary>Deadline of a call that does not block, and the margin added to a blocking call's <c>wait</c>.</summary>
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private readonly IHttpClientFactory _httpClients;

    public ConsulClient(IHttpClientFactory httpClients, ConsulEndpoint endpoint)
    {
        _httpClients = httpClients;
        Endpoint = endpoint;
    }

    public ConsulEndpoint Endpoint { get; }

    /// <summary>True for the exceptions that mean "Consul could not be asked or gave no usable answer".</summary>
    public static bool IsFailure(Exception exception) =>
        exception is HttpRequestException or TimeoutException or JsonException or FormatException;

    /// <summary><c>GET /v1/health/service/{service}?passing</c>: instances whose every check passes.</summary>
    public Task<ConsulQueryResult<IReadOnlyList<ConsulHealthEntry>>> GetPassingInstancesAsync(
        string service, BlockingQuery query, CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<ConsulHealthEntry>>(
            "v1/health/service/" + Uri.EscapeDataString(service),
            "passing",
            query,
            async (response, token) =>
            {
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadFromJsonAsync<List<ConsulHealthEntry>>(Json, token) ?? [];
            },
            cancellationToken);

    /// <summary><c>GET /v1/catalog/services</c>: the names of every registered service, sorted.</summary>
    public Task<ConsulQueryResult<IReadOnlyList<string>>> GetServiceNamesAsync(BlockingQuery query, CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<string>>(
            "v1/catalog/services",
            null,
            query,
            async (response, token) =>
            {
                response.EnsureSuccessStatusCode();
                var services = await response.Content.ReadFromJsonAsync<Dictionary<string, JsonElement>>(Json, token) ?? [];
                return [.. services.Keys.Order(StringComparer.Ordinal)];
            },
            cancellationToken);

    /// <summary><c>GET /v1/kv/{key}</c>: the decoded value, or null when the key does not exist.</summary>
    public Task<ConsulQueryResult<string?>> GetKeyAsync(string key, BlockingQuery query, CancellationToken cancellationToken) =>
        GetAsync<string?>(
            "v1/kv/" + EscapeKey(key),
            null,
            query,
            async (response, token) =>
            {
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return null;
                }

                response.EnsureSuccessStatusCode();
                var pairs = await response.Content.ReadFromJsonAsync<List<ConsulKeyValue>>(Json, token);
                return pairs is { Count: > 0 } ? pairs[0].DecodeValue() : null;
            },
            cancellationToken);

    /// <summary>
    /// <c>PUT /v1/kv/{key}</c>. With <paramref name="onlyIfAbsent"/> the write uses <c>cas=0</c>, so it succeeds only when the
    /// key does not exist yet. Returns Consul's answer: false when that check failed.
    /// </summary>
    public async Task<bool> PutKeyAsync(string key, string value, bool onlyIfAbsent, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(CallTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, BuildUri("v1/kv/" + EscapeKey(key), onlyIfAbsent ? "cas=0" : null, BlockingQuery.Immediate))
            {
                Content = new ByteArrayContent(Encoding.UTF8.GetBytes(value)),
            };
            AddToken(request);
            using var response = await _httpClients.CreateClient(HttpClientName).SendAsync(request, deadline.Token);
            response.EnsureSuccessStatusCode();
            var answer = (await response.Content.ReadAsStringAsync(deadline.Token)).Trim();
            return string.Equals(answer, "true", StringComparison.OrdinalIgnoreCase);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("Consul did not answer the KV write in time.");
        }
    }

    private async Task<ConsulQueryResult<T>> GetAsync<T>(
        string path,
        string? flag,
        BlockingQuery query,
        Func<HttpResponseMessage, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken)
    {
        // Consul adds up to wait/16 of jitter to a blocking query; the deadline leaves room for it.
        var timeout = query.IsBlocking ? query.Wait + (query.Wait / 16) + CallTimeout : CallTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, BuildUri(path, flag, query));
            AddToken(request);
            using var response = await _httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var value = await read(response, deadline.Token);
            return new ConsulQueryResult<T>(value, IndexOf(response));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("Consul did not answer " + path + " within " + timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s.");
        }
    }

    private Uri BuildUri(string path, string? flag, BlockingQuery query)
    {
        var parameters = new List<string>(4);
        if (flag is not null)
        {
            parameters.Add(flag);
        }

        if (query.IsBlocking)
        {
            parameters.Add("index=" + query.Index.ToString(CultureInfo.InvariantCulture));
            parameters.Add("wait=" + FormatWait(query.Wait));
        }

        if (Endpoint.Namespace is { } ns)
        {
            parameters.Add("ns=" + Uri.EscapeDataString(ns));
        }

        return new Uri(Endpoint.BaseAddress, parameters.Count == 0 ? path : path + "?" + string.Join('&', parameters));
    }

    private void AddToken(HttpRequestMessage request)
    {
        if (Endpoint.Token is { } token)
        {
            request.Headers.TryAddWithoutValidation(TokenHeader, token);
        }
    }

    /// <summary>Consul durations: whole seconds as <c>30s</c>, anything else in milliseconds (<c>1500ms</c>).</summary>
    internal static string FormatWait(TimeSpan wait)
    {
        var milliseconds = (long)Math.Ceiling(wait.TotalMilliseconds);
        return milliseconds % 1000 == 0
            ? (milliseconds / 1000).ToString(CultureInfo.InvariantCulture) + "s"
            : milliseconds.ToString(CultureInfo.InvariantCulture) + "ms";
    }

    private static long IndexOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues(IndexHeader, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : 0;

    private static string EscapeKey(string key) => string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
}
