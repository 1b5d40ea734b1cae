using OcelotGateway.Configuration.Reload;

namespace OcelotGateway.Swagger;

/// <summary>
/// The <see cref="SwaggerCatalog"/> of the configuration generation serving traffic, built once per generation on first use.
/// Reads the configuration state and never writes to it, so data flows one way: route files → compiled configuration → catalog.
/// </summary>
internal sealed class SwaggerCatalogProvider
{
    private readonly GatewayConfigurationState _state;
    private volatile SwaggerCatalog _catalog = SwaggerCatalog.Empty;

    public SwaggerCatalogProvider(GatewayConfigurationState state)
    {
        _state = state;
    }

    public SwaggerCatalog Current
    {
        get
        {
            if (_state.Current is not { } configuration)
            {
                return SwaggerCatalog.Empty;
            }

            var catalog = _catalog;
            if (catalog.Generation != configuration.Generation)
            {
                // Two requests racing here build equal catalogs; either may be kept.
                _catalog = catalog = SwaggerCatalog.From(configuration);
            }

            return catalog;
        }
    }
}
