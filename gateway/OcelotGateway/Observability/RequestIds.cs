using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace OcelotGateway.Observability;

/// <summary>The correlation id of Ocelot's <c>RequestIdKey</c>, decided the same way wherever the gateway answers.</summary>
internal static class RequestIds
{
    /// <summary>The caller's value of the <paramref name="key"/> header when it sent one, else the trace id of the request.</summary>
    public static string Resolve(HttpContext context, string key)
    {
        var incoming = context.Request.Headers[key];
        return incoming.Count > 0 && !string.IsNullOrEmpty(incoming[0])
            ? incoming[0]!
            : Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
    }
}
