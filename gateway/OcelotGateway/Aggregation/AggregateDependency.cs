namespace OcelotGateway.Aggregation;

/// <summary>
/// One <c>RouteKeysConfig</c> entry: the values <see cref="JsonPath"/> selects in the main route's response each make one call
/// of the configured route, with the value as placeholder <c>{Parameter}</c>.
/// </summary>
public sealed record AggregateDependency(string JsonPath, string Parameter);
