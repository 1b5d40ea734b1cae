using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OcelotGateway.Caching;
using OcelotGateway.Errors;

namespace OcelotGateway.Administration;

/// <summary>
/// Ocelot's <c>DELETE {AdministrationPath}/outputcache/{region}</c>: clears a cache region, on every instance when Redis is
/// shared. 204 when done; 202 while Redis is out (the clear is done before Redis is used again); 503 when it could be
/// neither done nor remembered.
/// </summary>
internal static class OutputCacheEndpoints
{
    public static RouteGroupBuilder MapOutputCache(this RouteGroupBuilder group)
    {
        // A catch-all parameter, so a region named with slashes can be cleared too.
        group.MapDelete("/outputcache/{**region}", static async (HttpContext context, string region, CacheRegionClearer clearer) =>
        {
            switch (await clearer.ClearAsync(region, context.RequestAborted))
            {
                case CacheStoreStatus.Done:
                    return Results.NoContent();
                case CacheStoreStatus.Deferred:
                    return Results.Json(
                        new { region, status = "deferred", detail = "Redis is unavailable; the region is cleared before any entry is read from Redis again." },
                        statusCode: StatusCodes.Status202Accepted);
                default:
                    context.Response.Headers.RetryAfter = "5";
                    await ProblemResponse.WriteAsync(
                        context, StatusCodes.Status503ServiceUnavailable, "Service Unavailable", "The shared cache refused the clear; nothing was cleared.", context.RequestAborted);
                    return Results.Empty;
            }
        })
            .WithSummary("Clears a response-cache region (on every instance when the cache is in Redis).")
            .Produces(StatusCodes.Status204NoContent)
            .Produces(StatusCodes.Status202Accepted)
            .Produces(StatusCodes.Status503ServiceUnavailable);
        return group;
    }
}
