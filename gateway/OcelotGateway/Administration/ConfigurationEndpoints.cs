using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OcelotGateway.Configuration;
using OcelotGateway.Configuration.Reload;
using OcelotGateway.Configuration.Validation;
using OcelotGateway.Errors;

namespace OcelotGateway.Administration;

/// <summary>
/// Ocelot's <c>GET</c>/<c>POST {path}/configuration</c>. GET answers the configuration serving now, merged into one document
/// in Ocelot's file shape (what a POST takes back). POST replaces it (see <see cref="ConfigurationReplacer"/>): 200 with the
/// stored document, or 400 problem+json whose <c>problems</c> list every error, with nothing changed.
/// </summary>
internal static class ConfigurationEndpoints
{
    /// <summary>Bodies above this are refused: a route file set is text, and a large one is a few hundred KiB.</summary>
    private const int MaxBodyBytes = 4 * 1024 * 1024;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static RouteGroupBuilder MapConfiguration(this RouteGroupBuilder group)
    {
        group.MapGet("/configuration", static async (HttpContext context, GatewayConfigurationState state) =>
        {
            return state.Current is { } current
                ? Results.Text(current.Source.MergedJson.ToJsonString(Indented), "application/json", Encoding.UTF8)
                : await AdministrationAnswers.NotLoadedAsync(context);
        })
            .WithSummary("The configuration serving now, as one document in Ocelot's file shape.")
            .Produces(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status503ServiceUnavailable);

        group.MapPost("/configuration", static async (HttpContext context, ConfigurationReplacer replacer, GatewayConfigurationState state) =>
        {
            if (await AdministrationBody.ReadAsync(context, MaxBodyBytes) is not { } bytes)
            {
                return await AdministrationBody.TooLargeAsync(context, "configuration", MaxBodyBytes);
            }

            var body = Encoding.UTF8.GetString(bytes);
            var outcome = await replacer.ReplaceAsync(body, context.RequestAborted);
            switch (outcome.Status)
            {
                case ReplacementStatus.Applied:
                    return Results.Text(state.Current?.Source.MergedJson.ToJsonString(Indented) ?? body, "application/json", Encoding.UTF8);
                case ReplacementStatus.Invalid:
                    var errors = outcome.Problems.Where(p => p.IsError).ToArray();
                    await ProblemResponse.WriteAsync(
                        context,
                        StatusCodes.Status400BadRequest,
                        "Invalid configuration",
                        $"The configuration has {ConfigurationProblemsFormatter.Plural(errors.Length, "error")}; nothing was changed.",
                        writer => WriteProblems(writer, errors),
                        context.RequestAborted);
                    return Results.Empty;
                default:
                    await ProblemResponse.WriteAsync(
                        context,
                        StatusCodes.Status503ServiceUnavailable,
                        "Service Unavailable",
                        "The configuration store could not be written; nothing was changed.",
                        context.RequestAborted);
                    return Results.Empty;
            }
        })
            .WithSummary("Replaces the configuration: validated first, then stored and applied; nothing changes when it is invalid.")
            .WithMetadata(new AdministrationRequestBody("application/json", "A whole configuration in Ocelot's file shape (at most 4 MiB)."))
            .Produces(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status413PayloadTooLarge)
            .Produces(StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    private static void WriteProblems(Utf8JsonWriter writer, IReadOnlyList<ConfigurationProblem> problems)
    {
        writer.WriteStartArray("problems");
        foreach (var problem in problems)
        {
            writer.WriteStartObject();
            writer.WriteString("file", problem.File);
            if (problem.Location is not null)
            {
                writer.WriteString("location", problem.Location);
            }

            writer.WriteString("key", problem.Key);
            writer.WriteString("message", problem.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
