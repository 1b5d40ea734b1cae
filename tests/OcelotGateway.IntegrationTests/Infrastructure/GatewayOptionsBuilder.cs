using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>Knobs a test can turn on a <see cref="GatewayInstance"/> before it starts.</summary>
public sealed class GatewayOptionsBuilder
{
    public string Environment { get; set; } = "Production";

    public bool ReloadOnChange { get; set; }

    public Dictionary<string, string?> Settings { get; } = [];

    public ILoggerProvider? Logs { get; set; }

    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>Set up the host as the product's host does (<c>builder.AddOcelotGateway()</c>: Serilog plus the gateway).</summary>
    public bool UseSerilogHost { get; set; }
}
