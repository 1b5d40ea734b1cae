using OcelotGateway.Hosting;

namespace OcelotGateway.Tests.Hosting;

public sealed class GatewayContentRootTests : IDisposable
{
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("content-root-cwd-").FullName;
    private readonly string _hostFolder = Directory.CreateTempSubdirectory("content-root-host-").FullName;

    public GatewayContentRootTests()
    {
        File.WriteAllText(Path.Combine(_hostFolder, "appsettings.json"), "{}");
    }

    [Fact]
    public void Choose_WorkingDirectoryWithoutSettings_IsTheHostsFolder()
    {
        Assert.Equal(_hostFolder, GatewayContentRoot.Choose([], _workingDirectory, _hostFolder));
    }

    [Fact]
    public void Choose_WorkingDirectoryWithSettings_IsLeftToTheHost()
    {
        File.WriteAllText(Path.Combine(_workingDirectory, "appsettings.json"), "{}");

        Assert.Null(GatewayContentRoot.Choose([], _workingDirectory, _hostFolder));
    }

    [Theory]
    [InlineData("--contentRoot=/srv/gateway")]
    [InlineData("--contentroot")]
    [InlineData("/contentRoot")]
    public void Choose_ContentRootGivenExplicitly_IsLeftToTheHost(string argument)
    {
        Assert.Null(GatewayContentRoot.Choose([argument, "/srv/gateway"], _workingDirectory, _hostFolder));
    }

    [Fact]
    public void Choose_NoSettingsAnywhere_IsLeftToTheHost()
    {
        File.Delete(Path.Combine(_hostFolder, "appsettings.json"));

        Assert.Null(GatewayContentRoot.Choose([], _workingDirectory, _hostFolder));
    }

    public void Dispose()
    {
        Directory.Delete(_workingDirectory, recursive: true);
        Directory.Delete(_hostFolder, recursive: true);
    }
}
