using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OcelotGateway.Errors;

namespace OcelotGateway.Administration;

/// <summary>
/// Lets through administration requests carrying the configured key as <c>Authorization: Bearer &lt;key&gt;</c> or
/// <c>X-Api-Key: &lt;key&gt;</c>; others get 401 problem+json. Keys are compared through their SHA-256 digests in constant
/// time, so neither the content nor the length of the key leaks through timing.
/// </summary>
internal sealed class ApiKeyEndpointFilter : IEndpointFilter
{
    public const string ApiKeyHeader = "X-Api-Key";

    private readonly byte[] _expected;

    public ApiKeyEndpointFilter(IOptions<AdministrationOptions> options)
    {
        _expected = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.ApiKey ?? string.Empty));
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (PresentedKey(http.Request) is { } key && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(key)), _expected))
        {
            return await next(context);
        }

        http.Response.Headers.WWWAuthenticate = "Bearer";
        await ProblemResponse.WriteAsync(
            http,
            StatusCodes.Status401Unauthorized,
            "Unauthorized",
            "The administration API needs the gateway's API key (Authorization: Bearer <key> or X-Api-Key: <key>).",
            http.RequestAborted);
        return Results.Empty;
    }

    private static string? PresentedKey(HttpRequest request)
    {
        var header = request.Headers[ApiKeyHeader].ToString();
        if (header.Length > 0)
        {
            return header;
        }

        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        const string Bearer = "Bearer ";
        return authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) ? authorization[Bearer.Length..].Trim() : null;
    }
}
