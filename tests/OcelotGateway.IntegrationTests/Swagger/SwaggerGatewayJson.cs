using System.Text.Json;
using OcelotGateway.IntegrationTests.Infrastructure;

namespace OcelotGateway.IntegrationTests.Swagger;

/// <summary>Route files with SwaggerForOcelot's <c>SwaggerEndPoints</c>: one catch-all route and one document per sample stub.</summary>
public static class SwaggerGatewayJson
{
    public static string For(params (string Key, string Name, string Resource, DownstreamStub Stub)[] services) =>
        For(services.Select(s => (s.Key, s.Name, s.Resource, s.Stub, (object?)null)).ToArray());

    public static string For((string Key, string Name, string Resource, DownstreamStub Stub, object? RouteExtra)[] services) =>
        JsonSerializer.Serialize(new
        {
            Routes = services.Select(s =>
            {
                var route = OcelotJson.Route(s.Stub, "/" + s.Key + "/{everything}", "/api/" + s.Resource + "/{everything}", s.RouteExtra);
                route["UpstreamHttpMethod"] = new[] { "Get" };
                route["SwaggerKey"] = s.Key;
                return route;
            }).ToArray(),
            SwaggerEndPoints = services.Select(s => new
            {
                s.Key,
                Config = new[] { new { s.Name, Version = "v1", Url = s.Stub.Address + SampleApiStub.DocumentPath } },
            }).ToArray(),
        });
}
