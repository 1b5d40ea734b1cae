using System.Text.Json;

namespace OcelotGateway.IntegrationTests.Aggregation;

/// <summary>Route files with an <c>Aggregates</c> section.</summary>
internal static class AggregateJson
{
    public static string WithAggregates(object[] routes, params object[] aggregates) =>
        JsonSerializer.Serialize(new { Routes = routes, Aggregates = aggregates });

    /// <summary>A stub handler answering a fixed body.</summary>
    public static Func<HttpContext, Task> Answer(string body, string contentType = "application/json", int status = 200) => context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync(body);
    };
}
