using System.Text.RegularExpressions;

namespace OcelotGateway.Routing.Templates;

/// <summary>How every regular expression built from a route template is compiled.</summary>
internal static class TemplateRegex
{
    /// <summary>
    /// Template patterns hold only literals, character classes, greedy loops and alternations: no lookarounds, backreferences
    /// or atomic groups. For such patterns the non-backtracking engine gives the same answers and the same captures as the
    /// backtracking one, but in time linear in the input. With backtracking, a template such as <c>/x/{a}-{b}-{c}-{d}/z</c>
    /// spends minutes on a crafted 3 KB path; an attacker chooses the path. Compiling to IL buys nothing on this engine.
    /// </summary>
    public static Regex Create(string pattern, bool ignoreCase) => new(
        pattern,
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.Singleline
            | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None));
}
