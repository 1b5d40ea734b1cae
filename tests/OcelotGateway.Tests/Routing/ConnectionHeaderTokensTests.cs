using CsCheck;
using OcelotGateway.Routing.Forwarding;

namespace OcelotGateway.Tests.Routing;

/// <summary>RFC 9110 §7.6.1: every header a Connection value nominates is found, whatever options stand beside it.</summary>
public sealed class ConnectionHeaderTokensTests
{
    private static List<string> Nominated(string? connection)
    {
        var names = new List<string>();
        ConnectionHeaderTokens.ForEachNominated(connection, names, static (list, name) => list.Add(name));
        return names;
    }

    [Theory]
    [InlineData("X-Hop", new[] { "X-Hop" })]
    [InlineData("keep-alive, X-Hop", new[] { "X-Hop" })]
    [InlineData("X-Hop, keep-alive", new[] { "X-Hop" })]
    [InlineData("close,X-A , ,X-B", new[] { "X-A", "X-B" })]
    [InlineData("Keep-Alive, Upgrade", new string[0])]
    public void ForEachNominated_StandardOptionsSkipped_OthersNamed(string connection, string[] expected)
    {
        Assert.Equal(expected, Nominated(connection));
    }

    [Fact]
    public void ForEachNominated_AnyMixOfOptionsAndNames_NamesEveryHeaderInOrder()
    {
        var token = Gen.OneOf(
            Gen.OneOf("close", "keep-alive", "Keep-Alive", "upgrade"),
            Gen.String[Gen.Char['a', 'z'], 1, 8].Select(s => "X-" + s));
        var spaces = Gen.OneOf("", " ", "  ");
        Gen.Select(token.List[0, 6], spaces).Sample(
            (tokens, space) =>
            {
                var connection = string.Join("," + space, tokens);
                var expected = tokens.Where(t => t.StartsWith("X-", StringComparison.Ordinal)).ToList();
                return Nominated(connection).SequenceEqual(expected);
            },
            iter: 5_000,
            seed: "0N0XIzNsQ0O2");
    }
}
