namespace OcelotGateway.Routing.Forwarding;

/// <summary>A handler registered with <c>AddGatewayDelegatingHandler</c>: routes name it by its class name, as in Ocelot.</summary>
/// <param name="Global">Whether it wraps the downstream calls of every route, outside the handlers a route lists.</param>
internal sealed record DelegatingHandlerRegistration(string Name, Type HandlerType, bool Global);
