using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OcelotGateway.Administration.Explain;
using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Configuration.Loading;
using OcelotGateway.Hosting;

namespace OcelotGateway.Tests.Administration;

/// <summary>The gateway's services as the <c>explain</c> command builds them: the real compiler, transformer builder and explainer.</summary>
internal sealed class ExplainHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public ExplainHarness(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOcelotGateway(configuration);
        _services = services.BuildServiceProvider();
        Explainer = _services.GetRequiredService<RouteExplainer>();
        Compiler = _services.GetRequiredService<ConfigurationCompiler>();
    }

    public IServiceProvider Services => _services;

    public RouteExplainer Explainer { get; }

    public ConfigurationCompiler Compiler { get; }

    public CompiledConfiguration Compile(string json) => Compiler.Compile(new RouteFileLoader().LoadJson(json, "test.json"), 1);

    public Task<Explanation> ExplainAsync(CompiledConfiguration configuration, string method, string url, params (string Name, string Value)[] headers)
    {
        Assert.True(
            ExplainRequest.TryCreate(
                method, url, [.. headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))], System.Net.IPAddress.Loopback,
                new Uri("http://gateway.test"), out var request, out var error),
            error);
        return Explainer.ExplainAsync(configuration, request, InstanceSource.Offline, CancellationToken.None);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
