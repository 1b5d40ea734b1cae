using System.ComponentModel.DataAnnotations;

namespace OcelotGateway.Security;

/// <summary>
/// CORS answered by the gateway for every path it serves (section <c>Gateway:Cors</c>; our extension, Ocelot has none). Off
/// until <see cref="AllowedOrigins"/> has an entry; then pre-flight requests are answered by the gateway (never forwarded)
/// and responses to allowed origins carry the CORS headers, replacing any a downstream service sent.
/// </summary>
public sealed class GatewayCorsOptions : IValidatableObject
{
    public const string SectionName = "Gateway:Cors";

    /// <summary>Origins allowed, e.g. <c>https://app.example.com</c>; <c>*</c> allows any origin (not with credentials).</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Methods allowed in cross-origin requests; empty allows any.</summary>
    public List<string> AllowedMethods { get; set; } = [];

    /// <summary>Request headers allowed; empty allows any.</summary>
    public List<string> AllowedHeaders { get; set; } = [];

    /// <summary>Response headers scripts may read besides the CORS-safelisted ones.</summary>
    public List<string> ExposedHeaders { get; set; } = [];

    /// <summary>Allow cookies and <c>Authorization</c> in cross-origin requests (default false).</summary>
    public bool AllowCredentials { get; set; }

    /// <summary>How long browsers may cache a pre-flight answer, in seconds; unset leaves it to the browser.</summary>
    [Range(0, 86400)]
    public int? MaxAgeSeconds { get; set; }

    public bool IsEnabled => AllowedOrigins.Count > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var origin in AllowedOrigins)
        {
            if (origin == "*")
            {
                if (AllowCredentials)
                {
                    yield return new ValidationResult(
                        "AllowedOrigins '*' cannot be combined with AllowCredentials; list the origins instead.", [nameof(AllowedOrigins)]);
                }
            }
            else if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.GetLeftPart(UriPartial.Authority) != origin.TrimEnd('/'))
            {
                yield return new ValidationResult(
                    $"AllowedOrigins entry '{origin}' must be '*' or scheme://host[:port] without a path.", [nameof(AllowedOrigins)]);
            }
        }
    }
}
