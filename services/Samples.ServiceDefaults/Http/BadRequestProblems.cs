using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Samples.ServiceDefaults.Http;

/// <summary>
/// Turns a request the framework could not bind (malformed JSON, a query value of the wrong type, a missing required value)
/// into a 400 validation problem that names what was wrong, in the same shape as the services' own field checks. Nothing of
/// the exception but what the client sent is repeated: no types, no stack traces.
/// </summary>
internal sealed partial class BadRequestProblems : IExceptionHandler
{
    private readonly IProblemDetailsService _problems;

    public BadRequestProblems(IProblemDetailsService problems)
    {
        _problems = problems;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var (field, message) = Describe(badRequest);
        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await _problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] })
            {
                Status = badRequest.StatusCode,
                Detail = message,
            },
        });
    }

    /// <summary>The field at fault (camelCase, as elsewhere in <c>errors</c>) and a sentence about it.</summary>
    internal static (string Field, string Message) Describe(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            var field = json.Path is null or "$" ? "body" : json.Path.StartsWith("$.", StringComparison.Ordinal) ? json.Path[2..] : json.Path;
            var position = json.LineNumber is { } line && json.BytePositionInLine is { } column
                ? $" (line {line + 1}, position {column + 1})"
                : string.Empty;
            return (field, json.Path is null or "$"
                ? $"The request body is not valid JSON{position}."
                : $"The request body is not valid JSON at {json.Path}{position}: malformed, or not the type this field takes.");
        }

        if (BindFailure().Match(exception.Message) is { Success: true } bind)
        {
            var name = bind.Groups["name"].Value;
            return (name, $"'{bind.Groups["value"].Value}' is not a valid value for {name}: expected {Expected(bind.Groups["type"].Value)}.");
        }

        if (RequiredMissing().Match(exception.Message) is { Success: true } required)
        {
            return (required.Groups["name"].Value, $"{required.Groups["name"].Value} is required.");
        }

        if (exception.Message.Contains("no body was provided", StringComparison.Ordinal))
        {
            return ("body", "A JSON request body is required.");
        }

        return exception.StatusCode == StatusCodes.Status415UnsupportedMediaType
            ? ("body", "The request body must be JSON (Content-Type: application/json).")
            : ("request", "The request could not be read.");
    }

    private static string Expected(string type) => NullableOf().Replace(type, "$1").TrimEnd('?') switch
    {
        "int" or "long" or "short" => "a whole number",
        "decimal" or "double" or "float" => "a number",
        "bool" => "true or false",
        "DateOnly" => "a date (yyyy-mm-dd)",
        "DateTime" or "DateTimeOffset" => "a date and time (ISO 8601)",
        _ => "a value of another form",
    };

    // The framework's wording (RequestDelegateFactory): Failed to bind parameter "int? page" from "abc".
    [GeneratedRegex("""^Failed to bind parameter "(?<type>\S+) (?<name>[^"]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    [GeneratedRegex("^Nullable<(.+)>$")]
    private static partial Regex NullableOf();

    // Required parameter "string symbol" was not provided from query string.
    [GeneratedRegex("""^Required parameter "(?<type>\S+) (?<name>[^"]+)" was not provided""")]
    private static partial Regex RequiredMissing();
}
