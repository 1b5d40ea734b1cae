using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OcelotGateway.Caching;
using OcelotGateway.Errors;

namespace OcelotGateway.Administration;

/// <summary>
/// Ocelot's <c>DELETE {AdministrationPath}/outputcache/{region}</c>: clears a cache region, on every instance when Redis is
/// shared; 204 when done, 503 when the shared cache cannot be reached.
/// </summary>
internal static class OutputCacheEndpoints
{
    public static RouteGroupBuilder MapOutputCache(this RouteGroupBuilder group)
    {
        // A catch-all parameter, so a region named with slashes can be cleared too.
        group.MapDelete("/outputcache/{**region}", static async (HttpContext context, string region, CacheRegionClearer clearer) =>
        {
            if (await clearer.ClearAsync(region, context.RequestAborted) == CacheStoreStatus.Unavailable)
            {
                await ProblemResponse.WriteAsync(
                    context, StatusCodes.Status503ServiceUnavailable, "Service Unavailable", "The shared cache cannot be reached; nothing was cleared.", context.RequestAborted);
                return Results.Empty;
            }

            return Results.NoContent();
        })
            .WithSummary("Clears a response-cache region (on every instance when the cache is in Redis).")
            .Produces(StatusCodes.Status204NoContent)
            .Produces(StatusCodes.Status503ServiceUnavailable);
        return group;
    }
}
