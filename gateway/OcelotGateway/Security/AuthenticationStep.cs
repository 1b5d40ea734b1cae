using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using OcelotGateway.Errors;
using OcelotGateway.Routing;

namespace OcelotGateway.Security;

/// <summary>
/// Ocelot's route authentication: the route's schemes are tried in order and the first that succeeds sets the user;
/// none ⇒ 401. CORS pre-flight (OPTIONS) requests pass without credentials, as in Ocelot.
/// </summary>
internal sealed class AuthenticationStep
{
    private const string InvalidTokenChallenge = "Bearer error=\"invalid_token\"";

    private readonly RequestDelegate _next;

    public AuthenticationStep(RequestDelegate next)
    {
        _next = next;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var policy = context.Features.Get<GatewayRouteFeature>()?.Route.Authentication;
        return policy is null || HttpMethods.IsOptions(context.Request.Method) ? _next(context) : AuthenticateAsync(context, policy);
    }

    private async Task AuthenticateAsync(HttpContext context, AuthenticationPolicy policy)
    {
        foreach (var scheme in policy.Schemes)
        {
            var result = await context.AuthenticateAsync(scheme);
            if (result.Succeeded)
            {
                context.User = result.Principal;
                await _next(context);
                return;
            }
        }

        // RFC 6750: a presented token that failed is "invalid_token"; no token at all gets the bare challenge.
        var presented = context.Request.Headers.Authorization.Count > 0;
        context.Response.Headers.WWWAuthenticate = presented ? InvalidTokenChallenge : "Bearer";
        await ProblemResponse.WriteAsync(
            context,
            StatusCodes.Status401Unauthorized,
            "Unauthorized",
            presented ? "The bearer token is not valid for this route." : "This route requires a valid bearer token.",
            context.RequestAborted);
    }
}
