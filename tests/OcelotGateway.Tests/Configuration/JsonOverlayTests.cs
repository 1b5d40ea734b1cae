using System.Text.Json.Nodes;
using OcelotGateway.Configuration.Loading;

namespace OcelotGateway.Tests.Configuration;

public sealed class JsonOverlayTests
{
    private static readonly JsonNodeOptions CaseInsensitive = new() { PropertyNameCaseInsensitive = true };

    private static string Overlay(string target, string overlay)
    {
        var result = JsonNode.Parse(target, CaseInsensitive)!.AsObject();
        JsonOverlay.Apply(result, JsonNode.Parse(overlay, CaseInsensitive)!.AsObject());
        return result.ToJsonString();
    }

    [Fact]
    public void Apply_Objects_MergeKeyByKeyIgnoringCase()
    {
        Assert.Equal(
            """{"Global":{"A":1,"B":3,"c":4}}""",
            Overlay("""{"Global":{"A":1,"B":2}}""", """{"global":{"b":3,"c":4}}"""));
    }

    [Fact]
    public void Apply_Arrays_MergeByIndexAndAppendExtraItems()
    {
        Assert.Equal(
            """{"Routes":[{"U":"/a","P":1},{"U":"/b","P":9},{"U":"/c"}]}""",
            Overlay("""{"Routes":[{"U":"/a","P":1},{"U":"/b","P":2}]}""", """{"Routes":[{},{"P":9},{"U":"/c"}]}"""));
    }

    [Fact]
    public void Apply_ShorterArray_KeepsTheRestOfTheBase()
    {
        Assert.Equal("""{"M":["Put","Post"]}""", Overlay("""{"M":["Get","Post"]}""", """{"M":["Put"]}"""));
    }

    [Fact]
    public void Apply_ValueOverObject_KeepsTheObjectAsConfigurationLayeringDoes()
    {
        Assert.Equal("""{"Qos":{"Timeout":5}}""", Overlay("""{"Qos":{"Timeout":5}}""", """{"Qos":"off"}"""));
    }

    [Fact]
    public void Apply_Values_AreReplaced()
    {
        Assert.Equal("""{"A":"new","B":null}""", Overlay("""{"A":"old","B":1}""", """{"A":"new","B":null}"""));
    }
}
