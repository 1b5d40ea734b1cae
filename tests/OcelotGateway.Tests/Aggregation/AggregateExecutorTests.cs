using System.Text;
using Microsoft.AspNetCore.Http;
using OcelotGateway.Aggregation;

namespace OcelotGateway.Tests.Aggregation;

/// <summary>How <c>RouteKeysConfig</c> reads values out of the main route's response.</summary>
public sealed class AggregateExecutorTests
{
    [Fact]
    public void SelectValues_ArrayWildcard_DistinctValuesInOrder()
    {
        var values = AggregateExecutor.SelectValues(Part("""[{"id":1,"userId":7},{"id":2,"userId":3},{"id":3,"userId":7}]"""), "$[*].userId");

        Assert.Equal(["7", "3"], values);
    }

    [Fact]
    public void SelectValues_StringsAndDates_AreTakenAsWritten()
    {
        var values = AggregateExecutor.SelectValues(Part("""{"items":[{"code":"a b"},{"code":"2024-01-02T03:04:05Z"},{"code":true}]}"""), "$.items[*].code");

        Assert.Equal(["a b", "2024-01-02T03:04:05Z", "true"], values);
    }

    [Fact]
    public void SelectValues_BodyNotJson_IsNull()
    {
        Assert.Null(AggregateExecutor.SelectValues(Part("Hello from Laura"), "$[*].userId"));
        Assert.Null(AggregateExecutor.SelectValues(Part(string.Empty), "$[*].userId"));
    }

    [Fact]
    public void SelectValues_PathMatchesNothing_IsEmpty()
    {
        Assert.Empty(AggregateExecutor.SelectValues(Part("""{"id":1}"""), "$.missing")!);
    }

    private static AggregatePartResponse Part(string body) => new()
    {
        RouteKey = "main",
        StatusCode = 200,
        Headers = new HeaderDictionary(),
        Body = Encoding.UTF8.GetBytes(body),
    };
}
