using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using OcelotGateway.Configuration.Compilation;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms.Builder;

namespace OcelotGateway.Administration.Explain;

/// <summary>
/// Builds the downstream request by running the route's real YARP transformer (header copy, forwarded headers, the gateway's
/// URL, method, request-id and header transforms) on the explained request, exactly as the forwarder would before sending it.
/// </summary>
internal static class DownstreamExplainer
{
    public static async Task<ExplainedDownstream> ExplainAsync(
        HttpContext context,
        CompiledRoute route,
        RouteConfig proxyRoute,
        ClusterConfig cluster,
        IReadOnlyList<ExplainedInstance> instances,
        bool live,
        ITransformBuilder transforms,
        CancellationToken cancellationToken)
    {
        var destination = instances.Count > 0 ? instances[0].Address : null;
        var prefix = destination ?? (route.DownstreamScheme ?? "http") + "://" + (route.ServiceName ?? "no-instance");
        var transformer = transforms.Build(proxyRoute, cluster);
        using var proxyRequest = new HttpRequestMessage(new HttpMethod(context.Request.Method), (Uri?)null);
        if (context.Request.ContentType is not null || context.Request.ContentLength is not null)
        {
            // The forwarder gives a request with a body a content object, which is where content headers are copied to.
            proxyRequest.Content = new EmptyContent();
        }

        await transformer.TransformRequestAsync(context, proxyRequest, prefix, cancellationToken);
        var url = proxyRequest.RequestUri!;
        var sent = Headers(proxyRequest, url);
        var notes = new List<string>();
        if (destination is null)
        {
            notes.Add(route.ServiceName is null ? "the route has no downstream instance; the gateway answers 503"
                : live ? $"service {route.ServiceName} has no passing instance now; the host shows the service name, and the gateway answers 503 until one passes"
                : $"the instances of service {route.ServiceName} are looked up in Consul when the gateway runs; the host shows the service name");
        }
        else if (instances.Count > 1)
        {
            notes.Add($"shown on {destination}; the load balancer picks one of {instances.Count} instances per request");
        }

        if (route.DownstreamHttpMethod is not null)
        {
            notes.Add("method set by DownstreamHttpMethod");
        }

        foreach (var value in route.RequestTransforms.AddHeaders.Concat(route.RequestTransforms.AddQueries).Where(v => v.Claim is not null))
        {
            notes.Add($"{value.Name}: from claim {value.Claim!.ClaimType} of the authenticated caller (not shown: an explanation has no caller)");
        }

        if (route.RequestIdKey is not null && !context.Request.Headers.ContainsKey(route.RequestIdKey))
        {
            notes.Add($"{route.RequestIdKey}: a new id per request when the client sends none");
        }

        return new ExplainedDownstream(
            proxyRequest.Method.Method, url.AbsoluteUri, destination, Attribute(sent, context.Request.Headers), Removed(sent, context.Request.Headers), notes);
    }

    private static List<KeyValuePair<string, string>> Headers(HttpRequestMessage request, Uri url)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (request.Headers.Host is null)
        {
            // HttpClient sends the URL's authority as Host when no transform set one.
            headers.Add(new("Host", url.IsDefaultPort ? url.Host : url.Authority));
        }

        Append(headers, request.Headers.NonValidated);
        if (request.Content is not null)
        {
            Append(headers, request.Content.Headers.NonValidated);
        }

        return headers;
    }

    private static void Append(List<KeyValuePair<string, string>> headers, HttpHeadersNonValidated source)
    {
        foreach (var (name, values) in source)
        {
            headers.Add(new(name, string.Join(", ", values)));
        }
    }

    private static List<ExplainedHeader> Attribute(List<KeyValuePair<string, string>> sent, IHeaderDictionary client)
    {
        var result = new List<ExplainedHeader>(sent.Count);
        foreach (var (name, value) in sent)
        {
            var origin = !client.TryGetValue(name, out var original) ? ExplainedHeader.Added
                : string.Equals(string.Join(", ", original.ToArray()), value, StringComparison.Ordinal) ? ExplainedHeader.FromClient
                : ExplainedHeader.Changed;
            result.Add(new ExplainedHeader(name, value, origin));
        }

        return result;
    }

    private static List<string> Removed(List<KeyValuePair<string, string>> sent, IHeaderDictionary client) =>
        [.. client.Keys.Where(name => !sent.Exists(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)))];

    private sealed class EmptyContent : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => Task.CompletedTask;

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
