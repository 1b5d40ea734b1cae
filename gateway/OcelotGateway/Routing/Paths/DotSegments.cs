namespace OcelotGateway.Routing.Paths;

/// <summary>
/// Finds dot segments ("." and "..") that placeholder values bring into a downstream path: a downstream server resolves them
/// and the request leaves the route's path. Stricter than any one server, so that none of them is fooled: a segment ends at
/// '/', '\', %2F and %5C (servers differ on the last three), a '.' may be written %2E, and what follows a ';' does not count
/// (path parameters, which some servers strip before resolving dot segments: <c>..;x</c>).
/// </summary>
internal static class DotSegments
{
    /// <param name="path">The downstream path, without its query.</param>
    /// <param name="values">Start and end (exclusive) of each inserted value in <paramref name="path"/>, as pairs.</param>
    /// <returns>True when a dot segment holds or touches a value: the template alone does not decide that segment.</returns>
    public static bool AnyFromValues(ReadOnlySpan<char> path, ReadOnlySpan<int> values)
    {
        var segmentStart = 0;
        var i = 0;
        while (true)
        {
            var separator = i < path.Length ? SeparatorLength(path[i..]) : 0;
            if (i == path.Length || separator > 0)
            {
                if (IsDotSegment(path[segmentStart..i]) && Touches(segmentStart, i, values))
                {
                    return true;
                }

                if (i == path.Length)
                {
                    return false;
                }

                i += separator;
                segmentStart = i;
                continue;
            }

            i++;
        }
    }

    private static int SeparatorLength(ReadOnlySpan<char> text)
    {
        if (text[0] is '/' or '\\')
        {
            return 1;
        }

        return text.Length >= 3 && text[0] == '%' && (text[1], (char)(text[2] | 0x20)) is ('2', 'f') or ('5', 'c') ? 3 : 0;
    }

    private static bool IsDotSegment(ReadOnlySpan<char> segment)
    {
        var parameters = segment.IndexOf(';');
        if (parameters >= 0)
        {
            segment = segment[..parameters];
        }

        var dots = 0;
        while (!segment.IsEmpty)
        {
            if (segment[0] == '.')
            {
                segment = segment[1..];
            }
            else if (segment.Length >= 3 && segment[0] == '%' && segment[1] == '2' && (segment[2] | 0x20) == 'e')
            {
                segment = segment[3..];
            }
            else
            {
                return false;
            }

            dots++;
        }

        return dots is 1 or 2;
    }

    private static bool Touches(int start, int end, ReadOnlySpan<int> values)
    {
        for (var v = 0; v + 1 < values.Length; v += 2)
        {
            if (values[v] <= end && values[v + 1] >= start)
            {
                return true;
            }
        }

        return false;
    }
}
