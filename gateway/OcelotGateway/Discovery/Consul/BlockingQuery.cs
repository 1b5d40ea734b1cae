namespace OcelotGateway.Discovery.Consul;

/// <summary>
/// The <c>index</c> and <c>wait</c> of a Consul blocking query. Index 0 asks for the current state at once (Consul does not
/// block on it); any other index makes Consul hold the request until its state moves past that index or <c>wait</c> ends.
/// </summary>
internal readonly record struct BlockingQuery(long Index, TimeSpan Wait)
{
    public static BlockingQuery Immediate => default;

    public bool IsBlocking => Index > 0;

    /// <summary>
    /// The index to send with the next query after a response carrying <paramref name="returned"/>, per Consul's rules for
    /// blocking-query clients: an index that went backwards (Consul restored a snapshot or the cluster was rebuilt) starts
    /// over at 0, and an index below 1 is raised to 1 so that the next request blocks instead of returning at once in a
    /// tight loop.
    /// </summary>
    public static long NextIndex(long previous, long returned) =>
        returned < previous ? 0
        : returned < 1 ? 1
        : returned;
}
