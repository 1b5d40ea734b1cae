using OcelotGateway.Routing.Templates;

namespace OcelotGateway.Tests.Routing.Templates;

public sealed class PlaceholderValuesTests
{
    [Fact]
    public void Add_KeepsOrder_AndValuesCanBeLookedUpByName()
    {
        var values = new PlaceholderValues();
        values.Add("tenant", "acme");
        values.Add("id", "42");

        Assert.Equal(2, values.Count);
        Assert.Equal(new KeyValuePair<string, string>("tenant", "acme"), values[0]);
        Assert.Equal(new KeyValuePair<string, string>("id", "42"), values[1]);
        Assert.True(values.TryGetValue("id", out var id));
        Assert.Equal("42", id);
    }

    [Fact]
    public void TryGetValue_IsCaseSensitive_AsOcelotsPlaceholderReplace()
    {
        var values = new PlaceholderValues();
        values.Add("userId", "7");

        Assert.False(values.TryGetValue("userid", out _));
        Assert.False(values.TryGetValue("{userId}", out _));
    }

    [Fact]
    public void Add_SameNameAgain_ReplacesTheValueInPlace_SoAClaimOverridesThePathValue()
    {
        var values = new PlaceholderValues();
        values.Add("tenant", "from-path");
        values.Add("id", "1");
        values.Add("tenant", "from-claim");

        Assert.Equal(2, values.Count);
        Assert.Equal(new KeyValuePair<string, string>("tenant", "from-claim"), values[0]);
    }

    [Fact]
    public void Clear_EmptiesTheCollection_WhichCanThenBeReused()
    {
        var values = new PlaceholderValues();
        values.Add("a", "1");
        values.Clear();

        Assert.Empty(values);
        Assert.False(values.TryGetValue("a", out _));

        values.Add("b", "2");
        Assert.Equal([new KeyValuePair<string, string>("b", "2")], values);
    }

    [Fact]
    public void Indexer_OutsideTheValues_Throws()
    {
        var values = new PlaceholderValues();
        values.Add("a", "1");

        Assert.Throws<ArgumentOutOfRangeException>(() => values[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => values[-1]);
    }
}
