using Microsoft.Extensions.Primitives;

namespace OcelotGateway.Routing.Forwarding;

/// <summary>
/// RFC 9110 §7.6.1: a proxy removes the headers a message's <c>Connection</c> header nominates, since they describe the
/// hop, not the message. YARP drops the standard hop-by-hop headers but forwards nominated ones, so the gateway does it.
/// </summary>
internal static class ConnectionHeaderTokens
{
    /// <summary>Calls <paramref name="remove"/> for each header named in <paramref name="connection"/> other than the standard options.</summary>
    public static void ForEachNominated<TState>(StringValues connection, TState state, Action<TState, string> remove)
    {
        foreach (var value in connection)
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            foreach (var range in value.AsSpan().Split(','))
            {
                var token = value.AsSpan()[range].Trim();
                if (token.IsEmpty || token.Equals("close", StringComparison.OrdinalIgnoreCase)
                    || token.Equals("keep-alive", StringComparison.OrdinalIgnoreCase) || token.Equals("upgrade", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                remove(state, token.ToString());
            }
        }
    }
}
