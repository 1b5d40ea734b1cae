namespace Samples.ServiceDefaults;

/// <summary>
/// Who a sample service is: <paramref name="Name"/> is its Consul service name (the gateway's <c>ServiceName</c>; the
/// <c>Consul:ServiceName</c> setting overrides it), <paramref name="Title"/> and <paramref name="Summary"/> head its OpenAPI document.
/// </summary>
public sealed record ServiceDescription(string Name, string Title, string Summary);
