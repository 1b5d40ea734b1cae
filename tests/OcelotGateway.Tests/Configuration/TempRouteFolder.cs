using OcelotGateway.Configuration.Loading;

namespace OcelotGateway.Tests.Configuration;

/// <summary>A real route folder on disk for one test, deleted afterwards.</summary>
internal sealed class TempRouteFolder : IDisposable
{
    public TempRouteFolder()
    {
        Path = Directory.CreateTempSubdirectory("ocelot-routes-").FullName;
    }

    public string Path { get; }

    public TempRouteFolder With(string fileName, string content)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, fileName), content);
        return this;
    }

    public Task<LoadedConfiguration> LoadAsync(string environment = "Production") =>
        new RouteFileLoader().LoadFolderAsync(Path, environment, CancellationToken.None);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
