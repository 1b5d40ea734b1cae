using OcelotGateway.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Pipeline;

/// <summary>Runs alone, after the parallel tests: it counts the bytes this whole process allocates.</summary>
[CollectionDefinition(nameof(AllocationBudgetCollection), DisableParallelization = true)]
public sealed class AllocationBudgetCollection;

/// <summary>
/// What a proxied request on a route without a policy costs the gateway in managed allocations, counted, not timed: requests
/// through the gateway less the same requests sent straight to the stub (client and stub allocate alike in both). With
/// logging as in production (Serilog at Warning) bare YARP allocates about 5.5 KB per request here and the gateway, every step
/// present, a little less (5.1 KB in this test); the budget leaves room for noise and fails on a regression such as a
/// per-request scope, an activity for every downstream call or a middleware that runs for gateway routes without need.
/// </summary>
[Collection(nameof(AllocationBudgetCollection))]
public sealed class AllocationBudgetTests(ITestOutputHelper output)
{
    private const int BudgetBytesPerRequest = 5_500;
    private const int Requests = 2_000;
    private const int WarmUpRequests = 500;
    private const int Rounds = 3;

    private static readonly byte[] Answer = """{"id":4711,"symbol":"MSFT","price":421.17}"""u8.ToArray();

    [Fact]
    public async Task RouteWithoutPolicy_AllocatesWithinBudgetPerRequest()
    {
        await using var stub = await DownstreamStub.StartAsync(context =>
        {
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = Answer.Length;
            return context.Response.Body.WriteAsync(Answer, context.RequestAborted).AsTask();
        });
        await using var gateway = await GatewayInstance.StartAsync(
            Routes(Route(stub, "/api/{everything}", "/{everything}")),
            o =>
            {
                o.UseSerilogHost = true;
                o.Settings["Serilog:MinimumLevel:Default"] = "Warning";
            });
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, ActivityHeadersPropagator = null });
        var direct = new Uri(stub.Address + "/json");
        var proxied = new Uri(gateway.BaseAddress, "/api/json");

        // Anything else still running in the process only adds bytes: the smallest of three rounds is the closest count.
        long directBytes = long.MaxValue, proxiedBytes = long.MaxValue;
        for (var round = 0; round < Rounds; round++)
        {
            directBytes = Math.Min(directBytes, await AllocatedAsync(client, direct));
            proxiedBytes = Math.Min(proxiedBytes, await AllocatedAsync(client, proxied));
        }

        // Every request reached the stub, the proxied ones through the gateway.
        Assert.Equal(Rounds * 2 * (WarmUpRequests + Requests), stub.Count);
        var perRequest = (proxiedBytes - directBytes) / Requests;
        output.WriteLine($"{perRequest:N0} bytes per proxied request");
        Assert.True(perRequest <= BudgetBytesPerRequest, $"the gateway allocated {perRequest:N0} bytes per request (budget {BudgetBytesPerRequest:N0})");
    }

    private static async Task<long> AllocatedAsync(HttpClient client, Uri url)
    {
        await SendAsync(client, url, WarmUpRequests);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        await SendAsync(client, url, Requests);
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    private static async Task SendAsync(HttpClient client, Uri url, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var response = await client.GetAsync(url);
            response.EnsureSuccessStatusCode();
        }
    }
}
