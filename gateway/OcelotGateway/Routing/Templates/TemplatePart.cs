namespace OcelotGateway.Routing.Templates;

/// <summary>One piece of a path template: literal text, or the name of a <c>{placeholder}</c> without its braces.</summary>
internal readonly record struct TemplatePart(string Text, bool IsPlaceholder)
{
    /// <summary>
    /// Splits a template into literal and placeholder parts. A placeholder is the text between a '{' and the next '}' with no
    /// other '{' in between, the way a plain string replace of <c>{name}</c> would see it; a brace without its partner stays
    /// literal text.
    /// </summary>
    public static TemplatePart[] Split(string template)
    {
        var parts = new List<TemplatePart>();
        var literalStart = 0;
        var open = -1;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == '{')
            {
                open = i;
            }
            else if (template[i] == '}' && open >= 0)
            {
                if (open > literalStart)
                {
                    parts.Add(new TemplatePart(template[literalStart..open], IsPlaceholder: false));
                }

                parts.Add(new TemplatePart(template[(open + 1)..i], IsPlaceholder: true));
                literalStart = i + 1;
                open = -1;
            }
        }

        if (literalStart < template.Length)
        {
            parts.Add(new TemplatePart(template[literalStart..], IsPlaceholder: false));
        }

        return [.. parts];
    }

    /// <summary>The distinct placeholder names of the parts, in order of first appearance.</summary>
    public static string[] PlaceholderNames(TemplatePart[] parts)
    {
        var names = new List<string>();
        foreach (var part in parts)
        {
            if (part.IsPlaceholder && !names.Contains(part.Text))
            {
                names.Add(part.Text);
            }
        }

        return [.. names];
    }
}
