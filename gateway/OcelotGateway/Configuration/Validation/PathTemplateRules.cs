using System.Globalization;

namespace OcelotGateway.Configuration.Validation;

/// <summary>
/// Ocelot's rules for <c>UpstreamPathTemplate</c> and <c>DownstreamPathTemplate</c>: present, a path starting with '/',
/// no '//' and no scheme; plus well-formed <c>{placeholder}</c> braces, which Ocelot leaves to fail at request time.
/// </summary>
internal static class PathTemplateRules
{
    /// <summary>
    /// Checks one template and returns its placeholder names in order of appearance (repeats included), or null when
    /// the template is missing or not a path, so rules that compare placeholders can skip it.
    /// </summary>
    /// <param name="hostHint">Where a host belongs instead, named when the template is a URL.</param>
    public static IReadOnlyList<string>? Check(string? template, string key, string hostHint, ProblemScope scope)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            scope.Error(key, "required: a path starting with '/', e.g. /api/{everything}");
            return null;
        }

        if (template.Contains("http://", StringComparison.OrdinalIgnoreCase) || template.Contains("https://", StringComparison.OrdinalIgnoreCase))
        {
            scope.Error(key, $"'{template}' must be a path, not a URL; the host belongs in {hostHint}");
            return null;
        }

        if (!template.StartsWith('/'))
        {
            scope.Error(key, $"'{template}' must begin with '/'");
        }

        if (template.Contains("//", StringComparison.Ordinal))
        {
            scope.Error(key, $"'{template}' must not contain '//'");
        }

        return Placeholders(template, key, scope);
    }

    /// <summary>Reports a placeholder name used twice in one upstream template: a request could give it only one value.</summary>
    public static void CheckNoRepeats(IReadOnlyList<string> names, string template, string key, ProblemScope scope)
    {
        foreach (var repeated in names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            scope.Error(key, $"placeholder {{{repeated.Key}}} appears more than once in '{template}'; each name may be used once");
        }
    }

    private static List<string> Placeholders(string template, string key, ProblemScope scope)
    {
        var names = new List<string>();
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            if (open < 0)
            {
                break;
            }

            var close = template.IndexOf('}', open + 1);
            var nextOpen = template.IndexOf('{', open + 1);
            if (close < 0 || (nextOpen >= 0 && nextOpen < close))
            {
                scope.Error(key, string.Create(
                    CultureInfo.InvariantCulture, $"'{template}': the '{{' at position {open + 1} has no matching '}}'"));
                i = open + 1;
                continue;
            }

            var name = template[(open + 1)..close];
            if (name.Trim().Length == 0)
            {
                scope.Error(key, $"'{template}' has an empty placeholder '{{{name}}}'; name it, e.g. {{id}}");
            }
            else
            {
                names.Add(name);
            }

            i = close + 1;
        }

        return names;
    }
}
