using Microsoft.AspNetCore.Http;

namespace Samples.ServiceDefaults.Http;

/// <summary>The problem+json answers the sample APIs share, so every service words them the same way.</summary>
public static class ApiProblems
{
    public static IResult NotFound(string what, string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"No {what} '{id}'.");

    /// <summary>409: creating something whose id is taken. Updating it is what PUT is for.</summary>
    public static IResult Conflict(string what, string id) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already exists.", detail: $"{char.ToUpperInvariant(what[0])}{what[1..]} '{id}' already exists; use PUT to change it.");
}
