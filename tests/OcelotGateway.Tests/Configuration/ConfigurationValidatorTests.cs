using OcelotGateway.Configuration.Loading;
using OcelotGateway.Configuration.Validation;
using static OcelotGateway.Tests.Configuration.ValidationHarness;

namespace OcelotGateway.Tests.Configuration;

/// <summary>The validator as a whole: every problem in one run, loader problems included, and real-world folders.</summary>
public sealed class ConfigurationValidatorTests
{
    [Fact]
    public void Validate_ConfigWithThreeDistinctErrors_ReportsAllThree()
    {
        var problems = Validate(Routes(
            Route("""{ "DownstreamScheme": "ftp" }"""),
            Route("""{ "UpstreamPathTemplate": "/stock", "DownstreamPathTemplate": "/stock", "LoadBalancerOptions": { "Type": "Random" } }"""),
            Route("""{ "UpstreamPathTemplate": "/esg", "DownstreamPathTemplate": "/esg", "DownstreamHostAndPorts": [] }""")));

        Assert.Equal(3, problems.Count(p => p.IsError));
        ProblemAssert.HasError(problems, "Routes[0] (/orders/{id})", "DownstreamScheme", "unknown scheme 'ftp'");
        ProblemAssert.HasError(problems, "Routes[1] (/stock)", "LoadBalancerOptions.Type", "unknown load balancer type 'Random'");
        ProblemAssert.HasError(problems, "Routes[2] (/esg)", "DownstreamHostAndPorts", "required without ServiceName");
    }

    [Fact]
    public void Validate_IncludesTheLoadersProblems()
    {
        var problems = Validate(Routes(Route("""{ "Priority": "high" }""")));

        ProblemAssert.HasError(problems, "Routes[0] (/orders/{id})", "Priority", "'high' is not a whole number");
    }

    [Fact]
    public async Task Validate_OcelotSampleStyleFolder_HasNoProblems()
    {
        using var folder = new TempRouteFolder()
            .With("ocelot.global.json", """
                // Shared settings.
                {
                  "GlobalConfiguration": {
                    "BaseUrl": "http://localhost:5000",
                    "RequestIdKey": "X-Request-Id", // sent downstream
                    "RateLimitOptions": { "ClientIdHeader": "Oc-Client", "Period": "1s", "Limit": 100 },
                  },
                }
                """)
            .With("ocelot.orders.json", """
                /* Orders service */
                {
                  "Routes": [
                    {
                      "Key": "orders",
                      "UpstreamPathTemplate": "/orders/{everything}",
                      "UpstreamHttpMethod": [ "Get", "Post" ],
                      "DownstreamPathTemplate": "/api/orders/{everything}",
                      "DownstreamScheme": "http",
                      "DownstreamHostAndPorts": [ { "Host": "orders-1", "Port": 8080 }, { "Host": "orders-2", "Port": "8080" } ],
                      "LoadBalancerOptions": { "Type": "RoundRobin" },
                      "QoSOptions": { "MinimumThroughput": 3, "BreakDuration": 5000, "Timeout": 2000 },
                      "RateLimitOptions": { "ClientWhitelist": [], "EnableRateLimiting": true, "Period": "1m", "PeriodTimespan": 60, "Limit": 600 },
                    },
                  ],
                }
                """)
            .With("ocelot.users.json", """
                {
                  "Routes": [
                    {
                      "Key": "users",
                      "UpstreamPathTemplate": "/users/{id}",
                      "UpstreamHttpMethod": [ "Get" ],
                      "DownstreamPathTemplate": "/api/users/{id}",
                      "DownstreamScheme": "https",
                      "DownstreamHostAndPorts": [ { "Host": "users", "Port": 443 } ],
                      "FileCacheOptions": { "TtlSeconds": 15, "Region": "users" },
                      "SecurityOptions": { "IPAllowedList": [ "10.0.0.0/8" ], "IPBlockedList": [], "ExcludeAllowedFromBlocked": false },
                      "UpstreamHeaderTransform": { "X-Forwarded-For": "{RemoteIpAddress}" },
                      "DownstreamHeaderTransform": { "Location": "{DownstreamBaseUrl}, {BaseUrl}" },
                      "HttpHandlerOptions": { "AllowAutoRedirect": false, "UseTracing": true },
                    },
                  ],
                  "Aggregates": [ { "RouteKeys": [ "users", "orders" ], "UpstreamPathTemplate": "/profile/{id}" } ],
                }
                """);

        var loaded = await folder.LoadAsync();
        var problems = new ConfigurationValidator().Validate(loaded, new ValidationContext());

        ProblemAssert.None(problems);
        Assert.Equal(2, loaded.Configuration.Routes.Count);
        Assert.Equal(new ConfigurationOrigin("ocelot.users.json", 0), Assert.Single(loaded.AggregateOrigins));
    }

    [Fact]
    public void Validate_ConfigurationBuiltInCode_NamesItemsByPosition()
    {
        var loaded = new LoadedConfiguration(
            new OcelotGateway.Configuration.File.FileConfiguration { Routes = [new() { UpstreamPathTemplate = "/a", DownstreamPathTemplate = "/a" }] },
            [],
            "in-memory",
            [],
            [],
            [],
            []);

        var problems = new ConfigurationValidator().Validate(loaded, new ValidationContext());

        ProblemAssert.HasError(problems, "Routes[0] (/a)", "DownstreamHostAndPorts", "required", file: "in-memory");
    }
}
