namespace OcelotGateway.Transforms;

/// <summary>A header or query value to add: a fixed string, or a claim of the authenticated user.</summary>
public sealed record ValueSource(string Name, string? Literal, ClaimValueExpression? Claim)
{
    public static ValueSource Parse(string name, string expression) =>
        ClaimValueExpression.TryParse(expression, out var claim)
            ? new ValueSource(name, null, claim)
            : new ValueSource(name, expression, null);
}
