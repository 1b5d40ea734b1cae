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

    public SwaggerUrls(SwaggerCatalogProvider catalog)
    {
        _catalog = catalog;
    }

    public IEnumerator<UrlDescriptor> GetEnumerator() =>
        _catalog.Current.Documents.Select(d => new UrlDescriptor { Name = d.Label, Url = d.RelativeUrl }).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
