namespace OcelotGateway.Errors;

/// <summary>
/// Marks a response the gateway itself produced (401, 429, 502, 503...) as opposed to one a downstream service sent; an
/// aggregate tells its failed parts apart by it.
/// </summary>
internal sealed record GatewayProblemFeature(int StatusCode, string Title);
