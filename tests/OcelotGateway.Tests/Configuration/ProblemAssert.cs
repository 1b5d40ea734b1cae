using OcelotGateway.Configuration;

namespace OcelotGateway.Tests.Configuration;

/// <summary>Assertions on problems that, when they fail, print every problem found, as an operator would see them.</summary>
internal static class ProblemAssert
{
    /// <summary>Exactly one problem with this severity, file, location and key whose message contains <paramref name="messagePart"/>.</summary>
    public static ConfigurationProblem Has(
        IReadOnlyList<ConfigurationProblem> problems, ProblemSeverity severity, string file, string? location, string key, string messagePart)
    {
        var matches = problems.Where(p => p.Severity == severity
                && p.File == file
                && p.Location == location
                && p.Key == key
                && p.Message.Contains(messagePart, StringComparison.Ordinal))
            .ToList();
        if (matches.Count != 1)
        {
            Assert.Fail($"expected one {severity} in {file} at {location ?? "(no location)"} on {key} containing \"{messagePart}\", found {matches.Count}; all problems:\n{Describe(problems)}");
        }

        return matches[0];
    }

    public static ConfigurationProblem HasError(IReadOnlyList<ConfigurationProblem> problems, string? location, string key, string messagePart, string file = "ocelot.json") =>
        Has(problems, ProblemSeverity.Error, file, location, key, messagePart);

    public static ConfigurationProblem HasWarning(IReadOnlyList<ConfigurationProblem> problems, string? location, string key, string messagePart, string file = "ocelot.json") =>
        Has(problems, ProblemSeverity.Warning, file, location, key, messagePart);

    public static void NoErrors(IReadOnlyList<ConfigurationProblem> problems)
    {
        if (problems.Any(p => p.IsError))
        {
            Assert.Fail("expected no errors; found:\n" + Describe(problems));
        }
    }

    public static void None(IReadOnlyList<ConfigurationProblem> problems)
    {
        if (problems.Count > 0)
        {
            Assert.Fail("expected no problems; found:\n" + Describe(problems));
        }
    }

    /// <summary>No problem at all on this key, of any severity.</summary>
    public static void NoneOn(IReadOnlyList<ConfigurationProblem> problems, string key)
    {
        var onKey = problems.Where(p => p.Key == key).ToList();
        if (onKey.Count > 0)
        {
            Assert.Fail($"expected no problem on {key}; found:\n" + Describe(onKey));
        }
    }

    private static string Describe(IEnumerable<ConfigurationProblem> problems) => string.Join("\n", problems.Select(p => "  " + p));
}
