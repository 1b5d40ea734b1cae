using OcelotGateway.Configuration;
using OcelotGateway.Configuration.Loading;
using OcelotGateway.Configuration.Validation;

namespace OcelotGateway.Tests.Configuration;

/// <summary>The route folders the repository ships (what <c>./run.sh</c> and docker-compose use) load without a single problem.</summary>
public sealed class ShippedRouteFolderTests
{
    [Theory]
    [InlineData("ocelot", "Development")]
    [InlineData("ocelot/production", "Production")]
    public async Task Load_ShippedFolder_HasNoErrorsOrWarnings(string folder, string environment)
    {
        var loaded = await new RouteFileLoader().LoadFolderAsync(Path.Combine(RepositoryRoot(), folder), environment, CancellationToken.None);
        var problems = new ConfigurationValidator().Validate(loaded, new ValidationContext());

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.NotEmpty(loaded.Configuration.Routes);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OcelotGateway.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("OcelotGateway.sln not found above " + AppContext.BaseDirectory);
    }
}
