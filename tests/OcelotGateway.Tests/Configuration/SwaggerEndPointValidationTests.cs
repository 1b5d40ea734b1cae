using static OcelotGateway.Tests.Configuration.ValidationHarness;

namespace OcelotGateway.Tests.Configuration;

public sealed class SwaggerEndPointValidationTests
{
    private static string WithEndPoints(string endPoints, string swaggerKey = "orders") =>
        "{ \"Routes\": [ " + Route($$"""{ "SwaggerKey": "{{swaggerKey}}" }""") + " ], \"SwaggerEndPoints\": " + endPoints + " }";

    [Fact]
    public void Validate_ValidEndPoints_HaveNoProblems()
    {
        ProblemAssert.None(Validate(WithEndPoints("""
            [ { "Key": "orders", "Config": [
                { "Name": "Orders", "Version": "v1", "Url": "http://orders/swagger/v1/swagger.json" },
                { "Name": "Orders", "Version": "v2", "Service": { "Name": "orders", "Path": "/swagger/v2/swagger.json" } } ] } ]
            """)));
    }

    [Fact]
    public void Validate_EndPointWithoutKeyOrConfig_IsError()
    {
        var problems = Validate(WithEndPoints("""[ { "Key": "orders", "Config": [ { "Name": "O", "Version": "v1", "Url": "http://o" } ] }, { "Config": [] } ]"""));

        ProblemAssert.HasError(problems, "SwaggerEndPoints[1]", "Key", "required: the name routes refer to with SwaggerKey");
        ProblemAssert.HasError(problems, "SwaggerEndPoints[1]", "Config", "needs at least one document");
    }

    [Fact]
    public void Validate_DuplicateEndPointKey_IsError()
    {
        var problems = Validate(WithEndPoints("""
            [ { "Key": "orders", "Config": [ { "Name": "O", "Version": "v1", "Url": "http://o" } ] }, { "Key": "orders", "Config": [ { "Name": "O", "Version": "v2", "Url": "http://o2" } ] } ]
            """));

        ProblemAssert.HasError(problems, "SwaggerEndPoints[1] (orders)", "Key", "'orders' is already the Key of SwaggerEndPoints[0]");
    }

    [Fact]
    public void Validate_DocumentWithBothOrNeitherSource_IsError()
    {
        var problems = Validate(WithEndPoints("""
            [ { "Key": "orders", "Config": [ { "Name": "O", "Version": "v1", "Url": "http://o", "Service": { "Name": "o" } }, { "Version": "v2" } ] } ]
            """));

        ProblemAssert.HasError(problems, "SwaggerEndPoints[0] (orders)", "Config[0]", "set either Url or Service, not both");
        ProblemAssert.HasError(problems, "SwaggerEndPoints[0] (orders)", "Config[1]", "needs Url (the downstream document's address) or Service");
        ProblemAssert.HasError(problems, "SwaggerEndPoints[0] (orders)", "Config[1].Name", "required");
    }

    [Fact]
    public void Validate_RouteSwaggerKeyWithoutEndPoint_IsWarned()
    {
        var problems = Validate(WithEndPoints("""[ { "Key": "orders", "Config": [ { "Name": "O", "Version": "v1", "Url": "http://o" } ] } ]""", swaggerKey: "order"));

        ProblemAssert.HasWarning(problems, "Routes[0] (/orders/{id})", "SwaggerKey", "no SwaggerEndPoints entry has Key 'order'");
    }

    [Fact]
    public void Validate_DocumentUrlNotHttp_IsError()
    {
        var problems = Validate(WithEndPoints("""[ { "Key": "orders", "Config": [ { "Name": "O", "Version": "v1", "Url": "ftp://orders/swagger.json" } ] } ]"""));

        ProblemAssert.HasError(problems, "SwaggerEndPoints[0] (orders)", "Config[0].Url", "'ftp://orders/swagger.json' is not an absolute http(s) URL");
    }
}
