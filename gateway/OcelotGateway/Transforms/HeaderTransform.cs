namespace OcelotGateway.Transforms;

/// <summary>
/// One compiled <c>UpstreamHeaderTransform</c>/<c>DownstreamHeaderTransform</c> entry. Ocelot reads a value containing a comma
/// as <c>find, replace</c>; anything else is a value to set.
/// </summary>
public sealed record HeaderTransform(string HeaderName, HeaderTransformKind Kind, string Value, string Replacement)
{
    public static HeaderTransform Parse(string headerName, string expression)
    {
        var comma = expression.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            return new HeaderTransform(headerName, HeaderTransformKind.Set, expression.Trim(), string.Empty);
        }

        return new HeaderTransform(
            headerName,
            HeaderTransformKind.FindAndReplace,
            expression[..comma],
            expression[(comma + 1)..].TrimStart());
    }
}
