namespace OcelotGateway.Routing.Forwarding;

/// <summary>
/// RFC 9110 §7.6.1: a proxy removes the headers a message's <c>Connection</c> header nominates, since they describe the
/// hop, not the message. YARP drops the standard hop-by-hop headers but forwards nominated ones, so the gateway does it.
/// </summary>
internal static class ConnectionHeaderTokens
{
    /// <summary>
    /// Calls <paramref name="remove"/> for each header named in one <c>Connection</c> value other than the standard options
    /// (<c>close</c>, <c>keep-alive</c>, <c>upgrade</c>), which allocate nothing.
    /// </summary>
    public static void ForEachNominated<TState>(string? connection, TState state, Action<TState, string> remove)
    {
        if (string.IsNullOrEmpty(connection))
        {
            return;
        }

        foreach (var range in connection.AsSpan().Split(','))
        {
            var token = connection.AsSpan()[range].Trim();
            if (token.IsEmpty || token.Equals("close", StringComparison.OrdinalIgnoreCase)
                || token.Equals("keep-alive", StringComparison.OrdinalIgnoreCase) || token.Equals("upgrade", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            remove(state, token.ToString());
        }
    }
}
