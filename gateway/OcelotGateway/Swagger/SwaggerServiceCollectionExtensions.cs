using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OcelotGateway.Swagger;

internal static class SwaggerServiceCollectionExtensions
{
    /// <summary>Binds and validates <c>Gateway:Swagger</c> at start-up and registers the document catalog, fetcher and cache.</summary>
    public static IServiceCollection AddGatewaySwagger(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SwaggerOptions>()
            .Bind(configuration.GetSection(SwaggerOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Each fetch sets its own deadline (Gateway:Swagger:FetchTimeout), which the options may change at run time.
        services.AddHttpClient(SwaggerDocumentFetcher.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<SwaggerCatalogProvider>();
        services.AddSingleton<SwaggerDocumentFetcher>();
        services.AddSingleton<SwaggerDocumentCache>();
        return services;
    }
}
