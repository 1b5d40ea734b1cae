using OcelotGateway.Observability.Logging;
using Serilog.Events;
using Serilog.Parsing;

namespace OcelotGateway.Tests.Observability;

public sealed class SensitivePropertyRedactorTests
{
    [Theory]
    [InlineData("Authorization")]
    [InlineData("authorization")]
    [InlineData("Proxy-Authorization")]
    [InlineData("Cookie")]
    [InlineData("Set-Cookie")]
    public void Enrich_CredentialNamedProperty_IsRedacted(string name)
    {
        var logEvent = Event(new LogEventProperty(name, new ScalarValue("Bearer secret")), new LogEventProperty("Route", new ScalarValue("orders")));

        new SensitivePropertyRedactor(new LogRedactor(new LogRedactionOptions())).Enrich(logEvent, null!);

        Assert.Equal("\"[redacted]\"", logEvent.Properties[name].ToString());
        Assert.Equal("\"orders\"", logEvent.Properties["Route"].ToString());
    }

    [Fact]
    public void Enrich_NoCredentialProperty_LeavesEventUnchanged()
    {
        var logEvent = Event(new LogEventProperty("AuthorizationScheme", new ScalarValue("Bearer")));

        new SensitivePropertyRedactor(new LogRedactor(new LogRedactionOptions())).Enrich(logEvent, null!);

        Assert.Equal("\"Bearer\"", logEvent.Properties["AuthorizationScheme"].ToString());
    }

    private static LogEvent Event(params LogEventProperty[] properties) =>
        new(DateTimeOffset.UtcNow, LogEventLevel.Information, null, new MessageTemplateParser().Parse("test"), properties);
}
