namespace OcelotGateway.Configuration.Loading;

/// <summary>Finds the known key an unknown one was probably meant to be, so a typo's warning can say what to write.</summary>
internal static class KeySuggestions
{
    public static string? Closest(string key, IEnumerable<string> candidates)
    {
        // One edit for short names, two for longer ones: enough for a typo, too few to suggest an unrelated key.
        var allowed = key.Length < 6 ? 1 : 2;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            // The distance is at least the difference in length: a long key costs nothing to rule out.
            if (Math.Abs(key.Length - candidate.Length) > allowed)
            {
                continue;
            }

            var distance = Distance(key, candidate);
            if (distance <= allowed && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Levenshtein distance, ignoring case as configuration keys do.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var same = char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 1]);
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (same ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
