using System.Globalization;
using System.Text;

namespace OcelotGateway.Configuration.Validation;

/// <summary>Renders problems for an operator: errors first, then warnings, one per line, and a closing count.</summary>
public static class ConfigurationProblemsFormatter
{
    public static string Format(IReadOnlyCollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var text = new StringBuilder();
        foreach (var problem in problems.Where(p => p.IsError).Concat(problems.Where(p => !p.IsError)))
        {
            text.Append("  ").AppendLine(problem.ToString());
        }

        // Last, so that after a long list the verdict is what stays on screen.
        return text.Append(Count(problems)).ToString();
    }

    /// <summary>The count line alone, e.g. <c>2 errors, 1 warning</c>.</summary>
    public static string Count(IReadOnlyCollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var errors = problems.Count(p => p.IsError);
        return Plural(errors, "error") + ", " + Plural(problems.Count - errors, "warning");
    }

    /// <summary><c>1 error</c>, <c>2 errors</c>: counts in messages read as English.</summary>
    public static string Plural(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? string.Empty : "s")}");
}
