namespace OcelotGateway.Aggregation;

/// <summary>What a custom aggregator answers for the whole aggregate.</summary>
public sealed record AggregateResponse(int StatusCode, string? ContentType, ReadOnlyMemory<byte> Body)
{
    /// <summary>Extra response headers; Content-Type and Content-Length are set from the other members.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}
