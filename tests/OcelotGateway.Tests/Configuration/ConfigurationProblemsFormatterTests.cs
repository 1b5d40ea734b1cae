using OcelotGateway.Configuration;
using OcelotGateway.Configuration.Validation;

namespace OcelotGateway.Tests.Configuration;

public sealed class ConfigurationProblemsFormatterTests
{
    [Fact]
    public void Format_ListsErrorsBeforeWarningsAndEndsWithTheCount()
    {
        ConfigurationProblem[] problems =
        [
            new(ProblemSeverity.Warning, "ocelot.orders.json", "Routes[0] (/orders)", "Colour", "unknown key; ignored"),
            new(ProblemSeverity.Error, "ocelot.stock.json", "Routes[3] (/stock/{everything})", "LoadBalancerOptions.Type", "unknown load balancer type 'RoundRobbin'"),
            new(ProblemSeverity.Error, "ocelot.broken.json", null, "line 3, position 5", "invalid JSON"),
        ];

        var lines = ConfigurationProblemsFormatter.Format(problems).Split(Environment.NewLine);

        Assert.Equal(
            [
                "  error: ocelot.stock.json: Routes[3] (/stock/{everything}): LoadBalancerOptions.Type: unknown load balancer type 'RoundRobbin'",
                "  error: ocelot.broken.json: line 3, position 5: invalid JSON",
                "  warning: ocelot.orders.json: Routes[0] (/orders): Colour: unknown key; ignored",
                "2 errors, 1 warning",
            ],
            lines);
    }

    [Fact]
    public void Count_UsesSingularAndPlural()
    {
        Assert.Equal("0 errors, 0 warnings", ConfigurationProblemsFormatter.Count([]));
        Assert.Equal("1 error, 2 warnings", ConfigurationProblemsFormatter.Count(
        [
            new(ProblemSeverity.Error, "f", null, "k", "m"),
            new(ProblemSeverity.Warning, "f", null, "k", "m"),
            new(ProblemSeverity.Warning, "f", null, "k", "m"),
        ]));
    }
}
