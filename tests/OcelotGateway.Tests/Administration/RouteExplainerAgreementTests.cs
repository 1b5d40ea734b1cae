using System.Text.Json;
using CsCheck;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using OcelotGateway.Administration.Explain;
using OcelotGateway.Aggregation;
using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Routing;

namespace OcelotGateway.Tests.Administration;

/// <summary>
/// What <c>explain</c> says takes a request is what the gateway's matcher chooses, for generated route sets and requests:
/// templates with placeholders, query parts and catch-alls, methods, hosts, header templates, priorities, case sensitivity and
/// aggregates competing with routes.
/// </summary>
public sealed class RouteExplainerAgreementTests
{
    private const string Seed = "0N0XIR6DTbv1";

    private static readonly Gen<string> Segment = Gen.OneOf("a", "b", "A", "{p}");

    private static readonly Gen<string> Template = Gen.OneOf(
        Gen.Const("/{everything}"),
        Gen.Select(Segment.Array[1, 3], Gen.Bool, Gen.Bool).Select((segments, query, trailingCatchAll) =>
        {
            var named = segments.Select((s, i) => s == "{p}" ? "{p" + i + "}" : s);
            return "/" + string.Join('/', named) + (trailingCatchAll ? "/{rest}" : string.Empty) + (query ? "?q={q}" : string.Empty);
        }));

    private static readonly Gen<Dictionary<string, object?>> RouteGen =
        Gen.Select(Template, Gen.OneOf(Array.Empty<string>(), new[] { "Get" }, new[] { "Post" }, new[] { "Get", "Post" }), Gen.OneOf<string?>(null, "h1"),
                Gen.OneOf<int?>(null, 0, 1, 2), Gen.OneOf<string?>(null, "1", "{header:v}"), Gen.Bool)
            .Select((template, methods, host, priority, header, caseSensitive) => new Dictionary<string, object?>
            {
                ["UpstreamPathTemplate"] = template,
                ["UpstreamHttpMethod"] = methods,
                ["UpstreamHost"] = host,
                ["Priority"] = priority,
                ["UpstreamHeaderTemplates"] = header is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["X-V"] = header },
                ["RouteIsCaseSensitive"] = caseSensitive,
                ["DownstreamPathTemplate"] = "/down",
                ["DownstreamScheme"] = "http",
                ["DownstreamHostAndPorts"] = new[] { new { Host = "127.0.0.1", Port = 9 } },
            });

    private static readonly Gen<(string Method, string Url, string? Header)> RequestGen =
        Gen.Select(Gen.OneOf("GET", "POST", "PUT"), Gen.OneOf("h1", "h2"), Gen.OneOf("a", "b", "A", "x", "7").Array[0, 4],
                Gen.OneOf("", "?q=1", "?z=2"), Gen.OneOf<string?>(null, "1", "2"))
            .Select((method, host, segments, query, header) => (method, $"http://{host}/{string.Join('/', segments)}{query}", header));

    [Fact]
    public async Task Explain_ChoosesTheRouteTheMatcherChooses_WithTheSamePlaceholders()
    {
        await using var harness = new ExplainHarness();
        var policy = new OcelotRouteMatcherPolicy();
        await Gen.Select(RouteGen.Array[1, 6], Gen.Bool, RequestGen.Array[1, 8]).SampleAsync(async (routes, withAggregate, requests) =>
        {
            for (var i = 0; i < routes.Length; i++)
            {
                routes[i]["Key"] = "k" + i;
            }

            var json = JsonSerializer.Serialize(new
            {
                Routes = routes,
                Aggregates = withAggregate ? new[] { new { UpstreamPathTemplate = "/a/{p0}", RouteKeys = new[] { "k0" } } } : [],
            });
            var configuration = harness.Compile(json);
            foreach (var (method, url, header) in requests)
            {
                var headers = header is null ? [] : new[] { ("X-V", header) };
                var explanation = await harness.ExplainAsync(configuration, method, url, headers);
                var (chosen, placeholders) = await MatcherChoiceAsync(policy, configuration, method, new Uri(url), header);

                Assert.Equal(chosen?.ToString(), explanation.Match?.Name);
                Assert.Equal(chosen is not null, explanation.Matched);
                Assert.Equal(placeholders, explanation.Placeholders.Select(p => (p.Key, p.Value)).ToArray());
                Assert.Equal(chosen is null ? 0 : 1, explanation.Candidates.Count(c => c.Verdict == ExplainedCandidate.Chosen));
                Assert.All(explanation.Candidates.Where(c => c.Verdict != ExplainedCandidate.Chosen), c => Assert.NotEmpty(c.Reasons));
            }
        }, seed: Seed, iter: 800);
    }

    /// <summary>The gateway's matcher policy run on a candidate set holding every route and aggregate, as routing hands it over.</summary>
    private static async Task<(IUpstreamRoute? Chosen, (string, string)[] Placeholders)> MatcherChoiceAsync(
        OcelotRouteMatcherPolicy policy, CompiledConfiguration configuration, string method, Uri url, string? header)
    {
        var routes = configuration.Routes.Cast<IUpstreamRoute>().Concat(configuration.Aggregates).ToArray();
        var endpoints = routes.Select(r => new Endpoint(null, new EndpointMetadataCollection(r), r.ToString())).ToArray();
        var candidates = new CandidateSet(endpoints, new RouteValueDictionary[endpoints.Length], new int[endpoints.Length]);
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Host = HostString.FromUriComponent(url);
        context.Request.Path = PathString.FromUriComponent(url);
        context.Request.QueryString = QueryString.FromUriComponent(url);
        if (header is not null)
        {
            context.Request.Headers["X-V"] = header;
        }

        await policy.ApplyAsync(context, candidates);
        var valid = Enumerable.Range(0, candidates.Count).Where(candidates.IsValidCandidate).ToArray();
        if (valid.Length == 0)
        {
            return (null, []);
        }

        var chosen = candidates[Assert.Single(valid)].Endpoint.Metadata.GetMetadata<IUpstreamRoute>();
        var values = context.Features.Get<GatewayRouteFeature>()?.Placeholders ?? context.Features.Get<AggregateRouteFeature>()!.Placeholders;
        return (chosen, [.. values.Select(v => ("{" + v.Key + "}", v.Value))]);
    }
}
