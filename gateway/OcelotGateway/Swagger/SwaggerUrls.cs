using System.Collections;
using Swashbuckle.AspNetCore.SwaggerUI;

namespace OcelotGateway.Swagger;

/// <summary>
/// The UI's document dropdown, read from the configuration serving traffic each time the UI page is rendered, so a reloaded
/// route file changes the list without a restart.
/// </summary>
internal sealed class SwaggerUrls : IEnumerable<UrlDescriptor>
{
    private readonly SwaggerCatalogProvider _catalog;
    private readonly bool _includeGateway;

    public SwaggerUrls(SwaggerCatalogProvider catalog, bool includeGateway)
    {
        _catalog = catalog;
        _includeGateway = includeGateway;
    }

    public IEnumerator<UrlDescriptor> GetEnumerator()
    {
        var documents = _catalog.Current.Documents.Select(d => new UrlDescriptor { Name = d.Label, Url = d.RelativeUrl });
        return (_includeGateway ? documents.Append(new UrlDescriptor { Name = GatewayOwnDocument.Label, Url = GatewayOwnDocument.RelativeUrl }) : documents)
            .GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
