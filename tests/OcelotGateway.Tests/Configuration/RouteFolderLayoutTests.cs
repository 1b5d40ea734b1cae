using OcelotGateway.Configuration.Loading;

namespace OcelotGateway.Tests.Configuration;

public sealed class RouteFolderLayoutTests
{
    [Fact]
    public void FromFileNames_SortsFragmentsAndSetsAsideEnvironmentFiles()
    {
        var layout = RouteFolderLayout.FromFileNames(
            ["ocelot.stock.json", "ocelot.Production.json", "ocelot.json", "ocelot.Development.json", "ocelot.ESG.json", "appsettings.json", "ocelot.global.json", "ocelot.QA.json"],
            "Production");

        Assert.Equal("ocelot.json", layout.BaseFile);
        Assert.Equal("ocelot.Production.json", layout.EnvironmentFile);
        Assert.Equal(["ocelot.Development.json"], layout.OtherEnvironmentFiles);

        // QA is not a standard environment name, so like Ocelot we cannot tell it from a fragment.
        Assert.Equal(["ocelot.ESG.json", "ocelot.global.json", "ocelot.QA.json", "ocelot.stock.json"], layout.Fragments);
    }

    [Fact]
    public void FromFileNames_NoEnvironment_MeansDevelopment()
    {
        var layout = RouteFolderLayout.FromFileNames(["ocelot.development.json", "ocelot.Staging.json"], "");

        Assert.Equal("ocelot.development.json", layout.EnvironmentFile);
        Assert.Equal(["ocelot.Staging.json"], layout.OtherEnvironmentFiles);
        Assert.Empty(layout.Fragments);
    }

    [Fact]
    public void FromFileNames_CustomEnvironment_IsItsOwnFile()
    {
        var layout = RouteFolderLayout.FromFileNames(["ocelot.Local.json", "ocelot.Staging.json", "ocelot.orders.json"], "Local");

        Assert.Equal("ocelot.Local.json", layout.EnvironmentFile);
        Assert.Equal(["ocelot.Staging.json"], layout.OtherEnvironmentFiles);
        Assert.Equal(["ocelot.orders.json"], layout.Fragments);
        Assert.Null(layout.BaseFile);
    }
}
