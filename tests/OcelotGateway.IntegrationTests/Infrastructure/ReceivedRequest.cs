using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>What a downstream stub saw: the raw request target exactly as sent, the method and the headers.</summary>
public sealed record ReceivedRequest(string Method, string RawTarget, string Path, string Query, IReadOnlyDictionary<string, string> Headers)
{
    public static ReceivedRequest From(HttpContext context) => new(
        context.Request.Method,
        context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
        context.Request.Path.Value ?? string.Empty,
        context.Request.QueryString.Value ?? string.Empty,
        context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
}
