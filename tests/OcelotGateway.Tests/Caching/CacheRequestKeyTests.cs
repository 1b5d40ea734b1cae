using System.Net;
using System.Security.Claims;
using CsCheck;
using Microsoft.AspNetCore.Http;
using OcelotGateway.Caching;
using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Routing;
using OcelotGateway.Routing.Templates;
using OcelotGateway.Transforms;

namespace OcelotGateway.Tests.Caching;

/// <summary>
/// Model-based: two requests get the same key exactly when every input the gateway forwards that can change the answer is the
/// same. The model lists those inputs independently of the implementation; generated requests vary all of them and some
/// that must not matter.
/// </summary>
public sealed class CacheRequestKeyTests
{
    private static readonly Uri Url = new("http://10.0.0.1:5001/api/items?page=2");

    [Fact]
    public void Compose_SameKey_ExactlyWhenTheForwardedInputsAreTheSame()
    {
        var request = Gen.Select(
            Gen.Select(Gen.OneOf("GET", "get", "POST"), Gen.OneOf<string?>(null, "", "a", "b"), Gen.OneOf<string?>(null, "alice", "bob"), Gen.OneOf<string?>(null, "for=1.2.3.4")),
            Gen.Select(Gen.OneOf<string?>(null, "1.1.1.1"), Gen.OneOf<string?>(null, "https"), Gen.OneOf<string?>(null, "evil.test"), Gen.OneOf<string?>(null, "/p")),
            Gen.Select(Gen.OneOf("10.0.0.7", "10.0.0.8"), Gen.OneOf("http", "https"), Gen.OneOf("api.test", "other.test"), Gen.OneOf("", "/base")),
            Gen.Select(Gen.OneOf<string?>(null, "ua-1", "ua-2"), Gen.OneOf<string?>(null, "tenant-1", "tenant-2")))
            .Select(t => new RequestInputs(t.Item1.Item1, t.Item1.Item2, t.Item1.Item3, t.Item1.Item4, t.Item2.Item1, t.Item2.Item2, t.Item2.Item3, t.Item2.Item4, t.Item3.Item1, t.Item3.Item2, t.Item3.Item3, t.Item3.Item4, t.Item4.Item1, t.Item4.Item2));

        foreach (var forwards in new[] { true, false })
        {
            var route = Route(forwards);
            var policy = Policy();
            Gen.Select(request, request).Sample(
                (first, second) =>
                {
                    var sameKey = Key(route, policy, first) == Key(route, policy, second);
                    var sameInputs = Model(first, forwards) == Model(second, forwards);
                    return sameKey == sameInputs;
                },
                iter: 20_000);
        }
    }

    [Fact]
    public void Compose_TwoRoutesToTheSameUrl_NeverShareAKey()
    {
        var inputs = new RequestInputs("GET", null, null, null, null, null, null, null, "10.0.0.7", "http", "api.test", "", null, null);

        Assert.NotEqual(Key(Route(true), Policy("GET|/public/{x}||"), inputs), Key(Route(true), Policy("GET|/private/{x}||"), inputs));
    }

    /// <summary>What reaches downstream and may change the answer, computed without the implementation.</summary>
    private static string Model(RequestInputs r, bool forwards) => string.Join(
        "|",
        r.Method.ToUpperInvariant(),
        Show(r.CacheHeader),
        Show(r.Caller),
        Show(r.Forwarded),
        forwards ? string.Join(",", r.RemoteIp, r.Scheme, r.Host, r.PathBase) : string.Join(",", Show(r.XForwardedFor), Show(r.XForwardedProto), Show(r.XForwardedHost), Show(r.XForwardedPrefix)),
        Show(r.Tenant));

    private static string Show(string? value) => value is null ? "<none>" : "'" + value + "'";

    private static string Key(CompiledRoute route, CachePolicy policy, RequestInputs inputs)
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = inputs.Method;
        request.Scheme = inputs.Scheme;
        request.Host = new HostString(inputs.Host);
        request.PathBase = inputs.PathBase;
        context.Connection.RemoteIpAddress = IPAddress.Parse(inputs.RemoteIp);
        Set(request, policy.Header, inputs.CacheHeader);
        Set(request, "Forwarded", inputs.Forwarded);
        Set(request, "X-Forwarded-For", inputs.XForwardedFor);
        Set(request, "X-Forwarded-Proto", inputs.XForwardedProto);
        Set(request, "X-Forwarded-Host", inputs.XForwardedHost);
        Set(request, "X-Forwarded-Prefix", inputs.XForwardedPrefix);
        Set(request, "User-Agent", inputs.UserAgent);
        if (inputs.Tenant is not null)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("tenant", inputs.Tenant)], "Bearer"));
        }

        var feature = new GatewayRouteFeature(route, new PlaceholderValues());
        return CacheRequestKey.Compose(context, feature, policy, Url, inputs.Caller, []);
    }

    private static void Set(HttpRequest request, string name, string? value)
    {
        if (value is not null)
        {
            request.Headers[name] = value;
        }
    }

    private static CachePolicy Policy(string identity = "GET|/items||") => new()
    {
        Ttl = TimeSpan.FromMinutes(1),
        Region = "r",
        Header = CachePolicy.DefaultHeader,
        EnableContentHashing = false,
        RouteIdentity = identity,
        KeysOnCaller = true,
        RouteName = "/items",
    };

    /// <summary>A route that adds the caller's tenant claim as a header, so the key must follow the claim.</summary>
    private static CompiledRoute Route(bool addsForwardedHeaders) => new()
    {
        RouteId = "g1-r0",
        Index = 0,
        DisplayName = "Routes[0] (/items) in ocelot.json",
        UpstreamPath = UpstreamPathTemplate.Parse("/items", caseSensitive: false),
        UpstreamHeaders = UpstreamHeaderTemplates.Empty,
        Priority = 1,
        DownstreamPath = DownstreamPathTemplate.Parse("/api/items"),
        ClusterId = "c0",
        RequestTransforms = new RequestTransformPlan([], [ValueSource.Parse("X-Tenant", "Claims[tenant] > value")], []),
        ResponseTransforms = ResponseTransformPlan.None,
        Timeout = TimeSpan.FromSeconds(90),
        AddsForwardedHeaders = addsForwardedHeaders,
    };

    private sealed record RequestInputs(
        string Method,
        string? CacheHeader,
        string? Caller,
        string? Forwarded,
        string? XForwardedFor,
        string? XForwardedProto,
        string? XForwardedHost,
        string? XForwardedPrefix,
        string RemoteIp,
        string Scheme,
        string Host,
        string PathBase,
        string? UserAgent,
        string? Tenant);
}
