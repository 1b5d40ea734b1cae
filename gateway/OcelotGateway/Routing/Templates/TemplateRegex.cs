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

    /// <summary>
    /// Like <see cref="Create"/>, but uses the backtracking interpreter when <paramref name="backtrackingIsLinear"/> says the
    /// pattern cannot blow up (see <see cref="IsLinearForBacktracking"/>). The non-backtracking engine builds a symbolic
    /// automaton per regex that costs about half a megabyte even for <c>^/api/.*$</c>: with a thousand routes that was over
    /// a gigabyte of resident memory, and each match also ran slower than the interpreter does on such short patterns.
    /// </summary>
    public static Regex Create(string pattern, bool ignoreCase, bool backtrackingIsLinear) => backtrackingIsLinear
        ? new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Singleline | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None))
        : Create(pattern, ignoreCase);

    /// <summary>
    /// True for path templates without a query part in which every two placeholders are separated by literal text holding a
    /// '/'. Each placeholder's loop excludes '/' (or is the last one), so the first '/' of the following literal fixes
    /// where the loop ends: a failed attempt gives back at most one segment, and matching stays linear in the path.
    /// Templates with several placeholders in one segment, or with a query, keep the non-backtracking engine.
    /// </summary>
    public static bool IsLinearForBacktracking(string template, TemplatePart[] parts)
    {
        if (template.Contains('?', StringComparison.Ordinal))
        {
            return false;
        }

        var seenPlaceholder = false;
        var slashSincePlaceholder = true;
        foreach (var part in parts)
        {
            if (part.IsPlaceholder)
            {
                if (seenPlaceholder && !slashSincePlaceholder)
                {
                    return false;
                }

                seenPlaceholder = true;
                slashSincePlaceholder = false;
            }
            else if (part.Text.Contains('/', StringComparison.Ordinal))
            {
                slashSincePlaceholder = true;
            }
        }

        return true;
    }
}
