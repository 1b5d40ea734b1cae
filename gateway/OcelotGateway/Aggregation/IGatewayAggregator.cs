using Microsoft.AspNetCore.Http;

namespace OcelotGateway.Aggregation;

/// <summary>
/// A custom aggregator, the equivalent of Ocelot's <c>IDefinedAggregator</c>: register it with
/// <see cref="AggregationServiceCollectionExtensions.AddGatewayAggregator{TAggregator}"/> under the name an aggregate's
/// <c>Aggregator</c> gives. It receives every part, failed ones included (see <see cref="AggregatePartResponse.GatewayError"/>),
/// in <c>RouteKeys</c> order, and decides the whole response.
/// </summary>
public interface IGatewayAggregator
{
    Task<AggregateResponse> AggregateAsync(IReadOnlyList<AggregatePartResponse> parts, HttpContext context, CancellationToken cancellationToken);
}
