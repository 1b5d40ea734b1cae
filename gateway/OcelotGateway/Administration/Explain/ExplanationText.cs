using System.Globalization;
using System.Text;

namespace OcelotGateway.Administration.Explain;

/// <summary>Renders an explanation as text for a terminal: the answer first, then the downstream request, policies and other candidates.</summary>
internal static class ExplanationText
{
    public static string Render(Explanation explanation)
    {
        var text = new StringBuilder();
        var request = explanation.Request;
        text.Append(CultureInfo.InvariantCulture, $"{request.Method} {request.Url}  (client {request.ClientAddress})").AppendLine();
        text.Append("=> ").AppendLine(explanation.Summary);
        if (explanation.Match is { } match)
        {
            text.Append("   ").AppendLine(Where(match));
        }

        if (explanation.Placeholders.Count > 0)
        {
            text.AppendLine().AppendLine("Placeholders");
            foreach (var (name, value) in explanation.Placeholders)
            {
                text.Append("  ").Append(name).Append(" = ").AppendLine(value);
            }
        }

        if (explanation.Downstream is { } downstream)
        {
            text.AppendLine().AppendLine("Downstream request");
            AppendDownstream(text, downstream, "  ");
        }

        if (explanation.Policies.Count > 0)
        {
            text.AppendLine().AppendLine("Policies (in pipeline order)");
            var width = explanation.Policies.Max(p => p.Name.Length);
            foreach (var policy in explanation.Policies)
            {
                text.Append("  ").Append(policy.Name.PadRight(width)).Append("  ").AppendLine(policy.Summary);
            }
        }

        foreach (var part in explanation.Parts)
        {
            text.AppendLine().Append("Part ").Append(part.RouteKey).Append(part.Optional ? " (optional)" : string.Empty);
            text.AppendLine(part.Route is null ? ": no route has this key; the aggregate answers it as failed" : ": " + Where(part.Route));
            if (part.DependsOn is not null)
            {
                text.Append("  after: ").AppendLine(part.DependsOn);
            }

            if (part.Refusal is { } refusal)
            {
                text.Append(CultureInfo.InvariantCulture, $"  refused with {refusal.Status} ({refusal.Step}): {refusal.Detail}").AppendLine();
            }

            if (part.Downstream is not null)
            {
                AppendDownstream(text, part.Downstream, "  ");
            }
        }

        AppendCandidates(text, explanation.Candidates);
        return text.ToString();
    }

    private static void AppendDownstream(StringBuilder text, ExplainedDownstream downstream, string indent)
    {
        text.Append(indent).Append(downstream.Method).Append(' ').AppendLine(downstream.Url);
        var width = downstream.Headers.Count == 0 ? 0 : downstream.Headers.Max(h => h.Name.Length + h.Value.Length + 2);
        foreach (var header in downstream.Headers)
        {
            var line = header.Name + ": " + header.Value;
            text.Append(indent).Append("  ");
            text.AppendLine(header.Origin == ExplainedHeader.FromClient ? line : line.PadRight(width) + "  (" + header.Origin + ")");
        }

        if (downstream.Removed.Count > 0)
        {
            text.Append(indent).Append("  not sent: ").AppendLine(string.Join(", ", downstream.Removed));
        }

        foreach (var note in downstream.Notes)
        {
            text.Append(indent).Append("  note: ").AppendLine(note);
        }
    }

    private static void AppendCandidates(StringBuilder text, IReadOnlyList<ExplainedCandidate> candidates)
    {
        var others = candidates.Where(c => c.Verdict != ExplainedCandidate.Chosen).ToArray();
        if (others.Length == 0)
        {
            return;
        }

        text.AppendLine().AppendLine("Why not the others");
        foreach (var candidate in others)
        {
            text.Append("  ").Append(Where(candidate.Route)).AppendLine(":");
            foreach (var reason in candidate.Reasons)
            {
                text.Append("    ").AppendLine(reason);
            }
        }
    }

    private static string Where(ExplainedRoute route) =>
        route.Line is { } line ? route.Name + ", line " + line.ToString(CultureInfo.InvariantCulture) : route.Name;
}
