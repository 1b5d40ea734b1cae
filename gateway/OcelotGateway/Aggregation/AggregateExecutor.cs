using System.Globalization;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OcelotGateway.Routing.Templates;

namespace OcelotGateway.Aggregation;

/// <summary>
/// Runs the parts of an aggregate, all at once where nothing orders them. With <c>RouteKeysConfig</c> the keys it configures
/// wait for the main (first) route, then make one call per distinct value their <c>JsonPath</c> selects in its response;
/// every other key starts immediately, alongside the main route.
/// </summary>
internal sealed class AggregateExecutor
{
    private readonly SubRequestRunner _runner;

    public AggregateExecutor(SubRequestRunner runner)
    {
        _runner = runner;
    }

    /// <summary>Every call's response, grouped by key in <c>RouteKeys</c> order.</summary>
    public async Task<IReadOnlyList<AggregatePartResponse>> RunAsync(
        HttpContext context, CompiledAggregate aggregate, PlaceholderValues placeholders, byte[] body)
    {
        var keys = aggregate.RouteKeys;
        var calls = new Task<AggregatePartResponse[]>[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            calls[i] = i > 0 && aggregate.Dependencies.TryGetValue(keys[i], out var dependency)
                ? RunDependentAsync(context, calls[0], keys[i], dependency, placeholders, body)
                : RunOnceAsync(context, keys[i], placeholders, body);
        }

        await Task.WhenAll(calls);
        var responses = new List<AggregatePartResponse>(keys.Count);
        foreach (var call in calls)
        {
            responses.AddRange(await call);
        }

        return responses;
    }

    /// <summary>The distinct values <paramref name="jsonPath"/> selects, as Ocelot reads them; null when the body is not JSON.</summary>
    internal static IReadOnlyList<string>? SelectValues(AggregatePartResponse main, string jsonPath)
    {
        try
        {
            // Dates stay as written: Json.NET would otherwise re-format them before they reach the URL.
            using var reader = new JsonTextReader(new StringReader(main.ReadBodyAsString())) { DateParseHandling = DateParseHandling.None };
            var token = JToken.ReadFrom(reader);
            return [.. token.SelectTokens(jsonPath).Select(Text).Distinct(StringComparer.Ordinal)];
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A value as it goes into a URL: strings unquoted, numbers invariant, anything else as compact JSON.</summary>
    private static string Text(JToken token) => token switch
    {
        JValue { Value: bool flag } => flag ? "true" : "false",
        JValue { Value: null } => string.Empty,
        JValue value => Convert.ToString(value.Value, CultureInfo.InvariantCulture) ?? string.Empty,
        _ => token.ToString(Formatting.None),
    };

    private async Task<AggregatePartResponse[]> RunOnceAsync(HttpContext context, string key, PlaceholderValues placeholders, byte[] body) =>
        [await _runner.RunAsync(context, key, placeholders, body)];

    private async Task<AggregatePartResponse[]> RunDependentAsync(
        HttpContext context,
        Task<AggregatePartResponse[]> mainCall,
        string key,
        AggregateDependency dependency,
        PlaceholderValues placeholders,
        byte[] body)
    {
        var main = (await mainCall)[0];
        if (main.GatewayError is not null || SelectValues(main, dependency.JsonPath) is not { } values)
        {
            // No values can be read from a failed or non-JSON main response.
            return [SubRequestRunner.Failed(key, StatusCodes.Status502BadGateway)];
        }

        var calls = new Task<AggregatePartResponse>[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            var withValue = new PlaceholderValues();
            foreach (var (name, value) in placeholders)
            {
                withValue.Add(name, value);
            }

            withValue.Add(dependency.Parameter, values[i]);
            calls[i] = _runner.RunAsync(context, key, withValue, body, values[i]);
        }

        return await Task.WhenAll(calls);
    }
}
