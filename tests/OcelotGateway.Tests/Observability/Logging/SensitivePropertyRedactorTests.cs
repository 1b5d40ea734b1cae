using OcelotGateway.Observability.Logging;
using Serilog.Events;
using Serilog.Parsing;

namespace OcelotGateway.Tests.Observability.Logging;

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

    [Fact]
    public void Enrich_SecretQueryValues_InTextAndNestedValues_AreRedacted()
    {
        var logEvent = Event(
            new LogEventProperty("Url", new ScalarValue("http://h/p?token=abc&x=1")),
            new LogEventProperty("Target", new ScalarValue(new Uri("http://h/p?sig=abc"))),
            new LogEventProperty("Calls", new SequenceValue([new ScalarValue("/a?password=abc")])),
            new LogEventProperty("Request", new StructureValue([
                new LogEventProperty("Query", new ScalarValue("?code=abc")),
                new LogEventProperty("Cookie", new ScalarValue("sid=1")),
            ])),
            new LogEventProperty("Route", new ScalarValue("orders")));

        new SensitivePropertyRedactor(new LogRedactor(new LogRedactionOptions())).Enrich(logEvent, null!);

        Assert.Equal("\"http://h/p?token=[redacted]&x=1\"", logEvent.Properties["Url"].ToString());
        Assert.Equal("\"http://h/p?sig=[redacted]\"", logEvent.Properties["Target"].ToString());
        Assert.Equal("[\"/a?password=[redacted]\"]", logEvent.Properties["Calls"].ToString());
        Assert.Equal("{ Query: \"?code=[redacted]\", Cookie: \"[redacted]\" }", logEvent.Properties["Request"].ToString());
        Assert.Equal("\"orders\"", logEvent.Properties["Route"].ToString());
    }

    private static LogEvent Event(params LogEventProperty[] properties) =>
        new(DateTimeOffset.UtcNow, LogEventLevel.Information, null, new MessageTemplateParser().Parse("test"), properties);
}
