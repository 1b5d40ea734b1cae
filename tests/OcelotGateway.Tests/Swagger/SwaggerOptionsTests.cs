using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OcelotGateway.Swagger;

namespace OcelotGateway.Tests.Swagger;

public sealed class SwaggerOptionsTests
{
    private static SwaggerOptions Resolve(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>("Gateway:Swagger:" + s.Key, s.Value)))
            .Build();
        using var provider = new ServiceCollection().AddLogging().AddGatewaySwagger(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<SwaggerOptions>>().Value;
    }

    [Fact]
    public void Options_NothingSet_HaveTheDocumentedDefaults()
    {
        var options = Resolve();

        Assert.True(options.Enabled);
        Assert.Equal("/swagger", options.Path);
        Assert.Equal("/swagger/docs", options.DocumentsPath);
        Assert.Equal(TimeSpan.FromSeconds(30), options.CacheDuration);
        Assert.Equal(TimeSpan.FromSeconds(5), options.FetchTimeout);
    }

    [Theory]
    [InlineData("Path", "swagger", "Path must start with '/'")]
    [InlineData("Path", "/swagger/", "Path must start with '/'")]
    [InlineData("CacheDuration", "02:00:00", "CacheDuration")]
    [InlineData("FetchTimeout", "00:00:00", "FetchTimeout")]
    public void Options_InvalidValue_FailValidation(string key, string value, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve((key, value)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
