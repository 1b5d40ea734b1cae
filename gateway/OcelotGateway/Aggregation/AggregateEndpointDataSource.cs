using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Primitives;
using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Configuration.Reload;

namespace OcelotGateway.Aggregation;

/// <summary>
/// One endpoint per aggregate of the running configuration, rebuilt on every reload. Like the YARP routes, an endpoint only
/// pre-selects requests by literal path prefix; the gateway's matcher policy then applies Ocelot's rules to routes and
/// aggregates together.
/// </summary>
internal sealed class AggregateEndpointDataSource : EndpointDataSource, IDisposable
{
    private readonly AggregateEndpoint _handler;
    private readonly GatewayConfigurationState _state;
    private readonly Lock _sync = new();
    private Snapshot _current;

    public AggregateEndpointDataSource(GatewayConfigurationState state, AggregateEndpoint handler)
    {
        _handler = handler;
        _state = state;
        _current = Build(state.Current);
        state.Applied += OnApplied;
    }

    public override IReadOnlyList<Endpoint> Endpoints => _current.Endpoints;

    public override IChangeToken GetChangeToken() => _current.ChangeToken;

    public void Dispose()
    {
        _state.Applied -= OnApplied;
        _current.Dispose();
    }

    private void OnApplied(CompiledConfiguration configuration)
    {
        Snapshot previous;
        lock (_sync)
        {
            previous = _current;
            _current = Build(configuration);
        }

        previous.SignalChange();
    }

    private Snapshot Build(CompiledConfiguration? configuration)
    {
        var endpoints = new List<Endpoint>();
        foreach (var aggregate in configuration?.Aggregates ?? [])
        {
            var builder = new RouteEndpointBuilder(_handler.HandleAsync, aggregate.EndpointPattern, -aggregate.Priority)
            {
                DisplayName = aggregate.DisplayName,
            };
            builder.Metadata.Add(aggregate);
            endpoints.Add(builder.Build());
        }

        return new Snapshot(endpoints);
    }

    private sealed class Snapshot : IDisposable
    {
        private readonly CancellationTokenSource _changed = new();

        public Snapshot(IReadOnlyList<Endpoint> endpoints)
        {
            Endpoints = endpoints;
            ChangeToken = new CancellationChangeToken(_changed.Token);
        }

        public IReadOnlyList<Endpoint> Endpoints { get; }

        public IChangeToken ChangeToken { get; }

        public void SignalChange() => _changed.Cancel();

        public void Dispose() => _changed.Dispose();
    }
}
