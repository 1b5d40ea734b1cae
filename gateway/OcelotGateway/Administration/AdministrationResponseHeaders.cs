using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace OcelotGateway.Administration;

/// <summary>
/// Every administration answer, refusals included, is kept out of caches (it may hold the configuration or live state) and
/// is never content-sniffed into something a browser would run.
/// </summary>
internal sealed class AdministrationResponseHeaders : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        return next(context);
    }
}
