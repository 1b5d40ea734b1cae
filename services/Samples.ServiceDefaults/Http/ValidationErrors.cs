using Microsoft.AspNetCore.Http;

namespace Samples.ServiceDefaults.Http;

/// <summary>
/// Collects every problem of one request, field by field (camelCase, as the JSON names them), so a client sees all of them at
/// once in the <c>errors</c> member of a validation problem.
/// </summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool HasErrors => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>Requires a non-blank value of at most <paramref name="maxLength"/> characters; returns it trimmed.</summary>
    public string Text(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "Required.");
            return string.Empty;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            Add(field, $"At most {maxLength} characters.");
        }

        return trimmed;
    }

    /// <summary>Requires a value within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public decimal Number(string field, decimal? value, decimal min, decimal max)
    {
        if (value is not { } number)
        {
            Add(field, "Required.");
            return 0;
        }

        if (number < min || number > max)
        {
            Add(field, $"Must be between {min} and {max}.");
        }

        return number;
    }

    /// <summary>400 with every field's messages (RFC 7807 validation problem).</summary>
    public IResult ToProblem() => Results.ValidationProblem(Snapshot());

    /// <summary>422: the request is well formed but breaks a business rule; the fields at fault are named the same way.</summary>
    public IResult ToBusinessRuleProblem() =>
        Results.ValidationProblem(Snapshot(), title: "A business rule was violated.", statusCode: StatusCodes.Status422UnprocessableEntity);

    private Dictionary<string, string[]> Snapshot() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
