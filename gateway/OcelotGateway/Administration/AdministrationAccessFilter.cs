using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OcelotGateway.Errors;
using OcelotGateway.Security;

namespace OcelotGateway.Administration;

/// <summary>
/// Lets through administration requests carrying the configured key (<c>Authorization: Bearer &lt;key&gt;</c> or
/// <c>X-Api-Key: &lt;key&gt;</c>) or a valid token of the configured bearer scheme with the configured scope; others get 401
/// (403 for a valid token without the scope) as problem+json. Keys are compared through their SHA-256 digests in constant
/// time, so neither the content nor the length of the key leaks through timing.
/// </summary>
internal sealed class AdministrationAccessFilter : IEndpointFilter
{
    public const string ApiKeyHeader = "X-Api-Key";

    private readonly byte[]? _expectedKey;
    private readonly string? _scheme;
    private readonly FrozenSet<string> _scopes;

    public AdministrationAccessFilter(IOptions<AdministrationOptions> options)
    {
        var value = options.Value;
        _expectedKey = string.IsNullOrEmpty(value.ApiKey) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(value.ApiKey));
        _scheme = string.IsNullOrEmpty(value.AuthenticationScheme) ? null : value.AuthenticationScheme;
        _scopes = string.IsNullOrWhiteSpace(value.Scope) ? FrozenSet<string>.Empty : new[] { value.Scope.Trim() }.ToFrozenSet(StringComparer.Ordinal);
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (_expectedKey is not null && PresentedKey(http.Request) is { } key
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(key)), _expectedKey))
        {
            return await next(context);
        }

        if (_scheme is not null && await http.AuthenticateAsync(_scheme) is { Succeeded: true } result)
        {
            if (_scopes.Count == 0 || ScopeClaims.HasAny(result.Principal, _scopes))
            {
                http.User = result.Principal;
                return await next(context);
            }

            http.Response.Headers.WWWAuthenticate = "Bearer error=\"insufficient_scope\"";
            await ProblemResponse.WriteAsync(
                http, StatusCodes.Status403Forbidden, "Forbidden", "The token lacks the administration scope.", http.RequestAborted);
            return Results.Empty;
        }

        http.Response.Headers.WWWAuthenticate = "Bearer";
        await ProblemResponse.WriteAsync(
            http,
            StatusCodes.Status401Unauthorized,
            "Unauthorized",
            "The administration API needs the gateway's API key or an administration bearer token.",
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
