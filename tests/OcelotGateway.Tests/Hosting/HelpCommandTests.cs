using OcelotGateway.Hosting;

namespace OcelotGateway.Tests.Hosting;

public sealed class HelpCommandTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-?")]
    [InlineData("help")]
    public void IsRequested_HelpAsFirstArgument_IsTrue(string argument)
    {
        Assert.True(HelpCommand.IsRequested([argument]));
    }

    [Theory]
    [InlineData]
    [InlineData("validate", "--help")]
    [InlineData("--Urls=http://127.0.0.1:8080")]
    public void IsRequested_OtherwiseOrForASubCommand_IsFalse(params string[] args)
    {
        Assert.False(HelpCommand.IsRequested(args));
    }

    [Fact]
    public void Text_NamesEveryCommandAndTheMainSettings()
    {
        foreach (var expected in new[]
        {
            "OcelotGateway.Host validate [FOLDER]", "validate --consul URL", "OcelotGateway.Host explain [FOLDER]", "token --scope SCOPE", "exit code 0 valid, 1 invalid, 2",
            "--Urls=", "--Gateway:ConfigFolder=", "ASPNETCORE_ENVIRONMENT", "Gateway:ConfigurationSource=Consul",
            "Gateway:Redis:Configuration", "Gateway__Administration__ApiKey",
        })
        {
            Assert.Contains(expected, HelpCommand.Text, StringComparison.Ordinal);
        }

        Assert.All(HelpCommand.Text.Split('\n'), line => Assert.True(line.Length <= 120, "too wide for a terminal: " + line));
    }
}
