using Microsoft.AspNetCore.Http;
using OcelotGateway.Errors;

namespace OcelotGateway.Administration;

/// <summary>Answers several administration endpoints give alike.</summary>
internal static class AdministrationAnswers
{
    /// <summary>503 before the first valid configuration has loaded: there is nothing to show or explain yet.</summary>
    public static async Task<IResult> NotLoadedAsync(HttpContext context)
    {
        await ProblemResponse.WriteAsync(
            context, StatusCodes.Status503ServiceUnavailable, "Service Unavailable", "No configuration is loaded yet.", context.RequestAborted);
        return Results.Empty;
    }
}
