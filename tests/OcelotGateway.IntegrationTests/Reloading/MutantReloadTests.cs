using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using OcelotGateway.Aggregation;
using OcelotGateway.Configuration;
using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Configuration.Validation;
using OcelotGateway.IntegrationTests.Infrastructure;
using OcelotGateway.Routing;
using OcelotGateway.Tests.Configuration.Mutations;

namespace OcelotGateway.IntegrationTests.Reloading;

/// <summary>
/// A running gateway (real Kestrel, real downstream) survives a hot reload of any mutant of the shipped and sample route files:
/// a rejected save leaves the last good configuration serving, an accepted one serves without a single 500, and the host never
/// stops. Seeded, so every run saves the same mutants.
/// </summary>
[Collection(PropertyRuns.Name)]
public sealed class MutantReloadTests
{
    private const string BaselineKey = "baseline";

    [Fact]
    public async Task AnyMutantSaved_GatewayKeepsServing_AndAcceptedRoutesNeverAnswer500()
    {
        await using var downstream = await DownstreamStub.StartAsync();
        var baselineCount = 0;
        await using var gateway = await GatewayInstance.StartAsync(Baseline(downstream.Port, baselineCount), o => o.ReloadOnChange = true);
        var lifetime = gateway.Services.GetRequiredService<IHostApplicationLifetime>();
        var mutants = RouteFileMutant.Of(RouteFileCorpus.All, file => RouteFileCorpus.Localized(file, downstream.Port));

        await SeededCases.RunAsync(mutants, seed: 20261204, count: 150, async mutant =>
        {
            var outcome = await SaveAsync(gateway, mutant.Text, isBaseline: false);
            if (outcome.Applied is { } applied)
            {
                foreach (var (method, path, clientHeader) in RequestsFor(applied))
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), path);
                    if (clientHeader is not null)
                    {
                        // Identified, so the request is counted rather than refused for want of a client id.
                        request.Headers.TryAddWithoutValidation(clientHeader, "mutant-client");
                    }

                    using var response = await gateway.Client.SendAsync(request);
                    Assert.True(
                        response.StatusCode != HttpStatusCode.InternalServerError,
                        $"{method} {path} answered 500: {await response.Content.ReadAsStringAsync()}");
                }
            }
            else
            {
                Assert.Contains(outcome.Problems!, p => p.IsError);
                using var served = await gateway.Client.GetAsync("/baseline/still-here");
                Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            }

            Assert.False(lifetime.ApplicationStopping.IsCancellationRequested, "the host is stopping");
            var next = ++baselineCount;
            await SaveAsync(gateway, Baseline(downstream.Port, next), isBaseline: true, next);
        }, mutant => mutant.ToString());

        using var ready = await gateway.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    /// <summary>A route to the downstream that a test can tell apart by its <c>Metadata</c>, so stray reload events are recognised.</summary>
    private static string Baseline(int port, int number) => new JsonObject
    {
        ["Routes"] = new JsonArray(new JsonObject
        {
            ["UpstreamPathTemplate"] = "/baseline/{rest}",
            ["DownstreamPathTemplate"] = "/{rest}",
            ["DownstreamHostAndPorts"] = new JsonArray(new JsonObject { ["Host"] = "127.0.0.1", ["Port"] = port }),
            ["Metadata"] = new JsonObject { [BaselineKey] = number.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        }),
    }.ToJsonString();

    /// <summary>
    /// Writes ocelot.json and waits for the reload it causes: for a baseline, until that very baseline is applied; for a mutant,
    /// for the first outcome that is not a late event of an earlier baseline (an editor-like write may raise two).
    /// </summary>
    private static async Task<(CompiledConfiguration? Applied, IReadOnlyList<ConfigurationProblem>? Problems)> SaveAsync(
        GatewayInstance gateway, string text, bool isBaseline, int number = -1)
    {
        var outcome = new TaskCompletionSource<(CompiledConfiguration?, IReadOnlyList<ConfigurationProblem>?)>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnApplied(CompiledConfiguration configuration)
        {
            var baseline = BaselineNumber(configuration);
            if (isBaseline ? baseline == number : baseline is null)
            {
                outcome.TrySetResult((configuration, null));
            }
        }

        void OnRejected(IReadOnlyList<ConfigurationProblem> problems)
        {
            if (!isBaseline)
            {
                outcome.TrySetResult((null, problems));
            }
        }

        gateway.State.Applied += OnApplied;
        gateway.State.Rejected += OnRejected;
        try
        {
            await gateway.WriteFileAsync("ocelot.json", text);
            return await outcome.Task.WaitAsync(TimeSpan.FromSeconds(15));
        }
        finally
        {
            gateway.State.Applied -= OnApplied;
            gateway.State.Rejected -= OnRejected;
        }
    }

    private static int? BaselineNumber(CompiledConfiguration configuration) =>
        configuration.Source.Configuration.Routes is [{ } only] && only.Metadata.TryGetValue(BaselineKey, out var value)
            ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)
            : null;

    /// <summary>
    /// One request per route and aggregate (at most twelve): its first method that is one (a route may list names no request
    /// can carry, which validation warns about), its template with every placeholder filled, and the rate-limit client header
    /// when the route counts clients.
    /// </summary>
    private static IEnumerable<(string Method, string Path, string? ClientHeader)> RequestsFor(CompiledConfiguration configuration) =>
        configuration.Routes.Cast<IUpstreamRoute>().Concat(configuration.Aggregates)
            .Select(route => (
                Method: Methods(route).Where(ProtocolRules.IsToken).Order(StringComparer.Ordinal).FirstOrDefault(),
                Path: Path(route.UpstreamPath.Template),
                ClientHeader: (route as CompiledRoute)?.RateLimit?.ClientIdHeader))
            .Where(request => request.Method is not null)
            .Select(request => (request.Method!, request.Path, request.ClientHeader))
            .Take(12);

    private static IReadOnlySet<string> Methods(IUpstreamRoute route) => route switch
    {
        CompiledRoute { UpstreamMethods: { Count: > 0 } methods } => methods,
        CompiledAggregate aggregate => aggregate.UpstreamMethods,
        _ => new HashSet<string> { "GET" },
    };

    private static string Path(string template)
    {
        var path = new System.Text.StringBuilder();
        var inPlaceholder = false;
        foreach (var c in template.Split('?')[0])
        {
            if (c == '{')
            {
                inPlaceholder = true;
                path.Append('x');
            }
            else if (c == '}')
            {
                inPlaceholder = false;
            }
            else if (!inPlaceholder)
            {
                path.Append(c);
            }
        }

        var escaped = Uri.EscapeDataString(path.ToString()).Replace("%2F", "/", StringComparison.Ordinal);
        return escaped.StartsWith('/') ? escaped : "/" + escaped;
    }
}
