using Microsoft.AspNetCore.Http;
using OcelotGateway.Caching;
using OcelotGateway.Errors;

namespace OcelotGateway.Administration;

/// <summary>
/// How every administration endpoint reads its body: up to a bound, through the gateway's one bounded body reader
/// (<see cref="RequestBodyBuffer"/>); a larger body is refused with 413 as soon as the bound is passed, before the rest is read.
/// </summary>
internal static class AdministrationBody
{
    /// <summary>The body's bytes; null when it is larger than <paramref name="maxBytes"/> (answer <see cref="TooLargeAsync"/>).</summary>
    public static ValueTask<byte[]?> ReadAsync(HttpContext context, int maxBytes) =>
        RequestBodyBuffer.ReadAsync(context.Request, maxBytes, context.RequestAborted);

    /// <summary>The 413 problem for a body over <paramref name="maxBytes"/>, the bound given to <see cref="ReadAsync"/>.</summary>
    public static async Task<IResult> TooLargeAsync(HttpContext context, string what, int maxBytes)
    {
        await ProblemResponse.WriteAsync(
            context, StatusCodes.Status413PayloadTooLarge, "Payload Too Large", $"The {what} is larger than {Size(maxBytes)}.", context.RequestAborted);
        return Results.Empty;
    }

    // Stated from the bound itself, so the message cannot drift from the limit the reader applies.
    private static string Size(int bytes) =>
        bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB"
        : bytes % 1024 == 0 ? bytes / 1024 + " KiB"
        : bytes + " bytes";
}
