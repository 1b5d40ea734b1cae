namespace OcelotGateway.Routing.Forwarding;

/// <summary>Why the gateway refuses to forward a request with 400 (see <see cref="ForwardableRequestStep"/>).</summary>
/// <param name="HeaderName">The header whose value cannot be sent; null when the path would leave the route.</param>
/// <param name="Detail">The problem's detail, as the client reads it.</param>
internal sealed record ForwardRefusal(string? HeaderName, string Detail);
