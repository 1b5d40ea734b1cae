using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Samples.ServiceDefaults.Http;

/// <summary>
/// Answers <c>HEAD</c> wherever <c>GET</c> is answered, as RFC 9110 §9.3.2 expects of a resource: the request runs as a GET and
/// the server sends the status and headers without the body. Minimal APIs map GET only, so a HEAD would otherwise be a 405.
/// </summary>
internal static class HeadAsGet
{
    /// <summary>Must run before routing, which picks the endpoint by method.</summary>
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) => app.Use(static async (context, next) =>
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }

        // Kestrel decided from the request line that this response has no body; only routing and the handler see GET.
        context.Request.Method = HttpMethods.Get;
        try
        {
            await next(context);
        }
        finally
        {
            // Request logging, further out, reports what the client sent.
            context.Request.Method = HttpMethods.Head;
        }
    });
}
