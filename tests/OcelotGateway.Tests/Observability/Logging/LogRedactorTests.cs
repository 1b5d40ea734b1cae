using CsCheck;
using OcelotGateway.Observability.Logging;
using OcelotGateway.Testing;

namespace OcelotGateway.Tests.Observability.Logging;

public sealed class LogRedactorTests
{
    private static readonly LogRedactor Redactor = new(new LogRedactionOptions());

    [Theory]
    [InlineData("Request starting HTTP/1.1 GET http://h/p?token=abc&x=1 - -", "Request starting HTTP/1.1 GET http://h/p?token=[redacted]&x=1 - -")]
    [InlineData("?x=1&Password=hunter2", "?x=1&Password=[redacted]")]
    [InlineData("/p?ACCESS_TOKEN=a.b.c#frag", "/p?ACCESS_TOKEN=[redacted]#frag")]
    [InlineData("?to%6Ben=abc", "?to%6Ben=[redacted]")]
    [InlineData("?next=%2Fcb%3Ftoken%3Dabc%26x%3D1", "?next=%2Fcb%3Ftoken%3D[redacted]%26x%3D1")]
    [InlineData("?next=/login?code=xyz&y=2", "?next=/login?code=[redacted]&y=2")]
    [InlineData("'http://h/?sig=abc'", "'http://h/?sig=[redacted]'")]
    [InlineData("redis:6379,password=secret", "redis:6379,password=[redacted]")]
    [InlineData("https://user:pw@host/x?y=1", "https://user:[redacted]@host/x?y=1")]
    [InlineData("https://ghp_tok@github.com/a", "https://[redacted]@github.com/a")]
    [InlineData("?api_key=1&apikey=2&api-key=3&client_secret=4", "?api_key=[redacted]&apikey=[redacted]&api-key=[redacted]&client_secret=[redacted]")]
    public void Redact_SecretValues_AreReplaced_TheRestIsKept(string text, string expected)
    {
        Assert.Equal(expected, Redactor.Redact(text));
    }

    [Theory]
    [InlineData("?tokens=abc&mytoken=x&token_type=bearer")]
    [InlineData("?token=&page=2")]
    [InlineData("GET /orders/5 answered 200")]
    [InlineData("http://127.0.0.1:5000/x")]
    [InlineData("?token=[redacted]")]
    public void Redact_NothingSecret_ReturnsTheSameInstance(string text)
    {
        Assert.Same(text, Redactor.Redact(text));
    }

    [Fact]
    public void ConfiguredNames_ReplaceTheDefaults()
    {
        var redactor = new LogRedactor(new LogRedactionOptions { QueryParameters = ["ssn"], Properties = ["X-Api-Key"] });

        Assert.Equal("?ssn=[redacted]&token=abc", redactor.Redact("?ssn=123&token=abc"));
        Assert.True(redactor.IsSecretProperty("x-api-key"));
        Assert.True(redactor.IsSecretProperty("SSN"));
        Assert.False(redactor.IsSecretProperty("Authorization"));
    }

    [Theory]
    [InlineData("Authorization", true)]
    [InlineData("@Cookie", true)]
    [InlineData("password", true)]
    [InlineData("AuthorizationScheme", false)]
    [InlineData("StatusCode", false)]
    public void IsSecretProperty_CredentialHeadersAndSecretParameterNames(string name, bool expected)
    {
        Assert.Equal(expected, Redactor.IsSecretProperty(name));
    }

    [Fact]
    public void Redact_AnySecretParameter_InAnyPlaceALogLineHoldsAUrl_LeavesNoTraceOfTheValue()
    {
        var names = Gen.OneOf([.. LogRedactionOptions.DefaultQueryParameters])
            .SelectMany(name => Gen.Bool.Array[name.Length].Select(upper => new string([.. name.Select((c, i) => upper[i] ? char.ToUpperInvariant(c) : c)])));
        var values = Gen.String[Gen.OneOf<char>(Gen.Char.AlphaNumeric, Gen.OneOf('-', '.', '_', '~', '%', '+', '/', ':', ';', ',', '(', ')', '=')), 1, 24]
            .Select(v => "S3cr" + v);
        var contexts = Gen.OneOf(
            "Request starting HTTP/1.1 GET http://h/p?{0}={1} - - -",
            "Proxying to http://127.0.0.1:5001/api/x?a=1&{0}={1}&b=2 HTTP/1.1 RequestVersionOrLower",
            "Invalid request target: '/p?q=1&{0}={1}'",
            "?{0}={1}",
            "{0}={1}",
            "callback ?next=%2Fcb%3F{0}%3D{2}%26b%3D2 failed",
            "\"url\":\"http://h/?{0}={1}\"");
        var cases = Gen.Select(names, values, contexts);

        GeneratedCases.Check(cases, 5000, c =>
        {
            var (name, value, context) = c;
            var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, context, name, value, Uri.EscapeDataString(value));

            var redacted = Redactor.Redact(text);

            Assert.DoesNotContain(value, redacted, StringComparison.Ordinal);
            Assert.DoesNotContain(Uri.EscapeDataString(value), redacted, StringComparison.Ordinal);
            Assert.Contains(name + (context.Contains("%3D", StringComparison.Ordinal) ? "%3D" : "=") + LogRedactor.Redacted, redacted, StringComparison.Ordinal);
            if (context.Contains("b=2", StringComparison.Ordinal) || context.Contains("b%3D2", StringComparison.Ordinal))
            {
                // What follows the value (another parameter) is kept.
                var inserted = context.Contains("{2}", StringComparison.Ordinal) ? Uri.EscapeDataString(value) : value;
                Assert.EndsWith(text[(text.IndexOf(inserted, StringComparison.Ordinal) + inserted.Length)..], redacted, StringComparison.Ordinal);
            }

            Assert.Same(redacted, Redactor.Redact(redacted));
        });
    }
}
