using System.Text.Json.Nodes;
using OcelotGateway.Configuration;
using OcelotGateway.Configuration.Loading;
using OcelotGateway.Configuration.Validation;

namespace OcelotGateway.Tests.Configuration;

/// <summary>Loads JSON as <c>ocelot.json</c> and validates it, as the gateway does at start-up.</summary>
internal static class ValidationHarness
{
    /// <summary>A route that passes every rule; tests change one key at a time with <see cref="Route"/>.</summary>
    public const string ValidRoute = """
        {
          "UpstreamPathTemplate": "/orders/{id}",
          "UpstreamHttpMethod": [ "Get" ],
          "DownstreamPathTemplate": "/api/orders/{id}",
          "DownstreamScheme": "http",
          "DownstreamHostAndPorts": [ { "Host": "orders", "Port": 8080 } ]
        }
        """;

    public static IReadOnlyList<ConfigurationProblem> Validate(string json, ValidationContext? context = null) =>
        new ConfigurationValidator().Validate(new RouteFileLoader().LoadJson(json, "ocelot.json"), context ?? new ValidationContext());

    /// <summary>The valid route with the properties of <paramref name="overrides"/> set (null removes one).</summary>
    public static string Route(string overrides = "{}")
    {
        var route = JsonNode.Parse(ValidRoute)!.AsObject();
        foreach (var (name, value) in JsonNode.Parse(overrides)!.AsObject())
        {
            if (value is null)
            {
                route.Remove(name);
            }
            else
            {
                route[name] = value.DeepClone();
            }
        }

        return route.ToJsonString();
    }

    public static string Routes(params string[] routes) => "{ \"Routes\": [ " + string.Join(", ", routes) + " ] }";

    /// <summary>Problems of one route with <paramref name="overrides"/> applied.</summary>
    public static IReadOnlyList<ConfigurationProblem> ValidateRoute(string overrides, ValidationContext? context = null) =>
        Validate(Routes(Route(overrides)), context);

    /// <summary>Problems of the valid route with a global configuration.</summary>
    public static IReadOnlyList<ConfigurationProblem> ValidateGlobal(string globalConfiguration, ValidationContext? context = null) =>
        Validate("{ \"Routes\": [ " + Route() + " ], \"GlobalConfiguration\": " + globalConfiguration + " }", context);
}
