using System.ComponentModel.DataAnnotations;

namespace OcelotGateway.Administration;

/// <summary>
/// The administration API (section <c>Gateway:Administration</c>): off unless <see cref="ApiKey"/> or
/// <see cref="AuthenticationScheme"/> is set. Requests under <see cref="Path"/> are never routed downstream once it is on.
/// </summary>
public sealed class AdministrationOptions : IValidatableObject
{
    public const string SectionName = "Gateway:Administration";

    /// <summary>Minimum key length: shorter keys are guessable.</summary>
    public const int MinimumApiKeyLength = 16;

    /// <summary>Base path of the API (default <c>/administration</c>), like Ocelot's <c>AddAdministration(path, ...)</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^/[^?#]*[^/?#]$", ErrorMessage = "Path must start with '/' and not end with '/'.")]
    public string Path { get; set; } = "/administration";

    /// <summary>
    /// The secret callers send as <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>. Keep it out of files:
    /// set it through an environment variable (<c>Gateway__Administration__ApiKey</c>) or a secret store.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// A JWT bearer scheme declared under <c>Authentication:Schemes</c> whose tokens may call the API (Ocelot's
    /// <c>AddAdministration(path, jwtBearerOptions)</c>, an external issuer). Either this or <see cref="ApiKey"/> admits a caller.
    /// </summary>
    public string? AuthenticationScheme { get; set; }

    /// <summary>Scope a token of <see cref="AuthenticationScheme"/> must carry (default <c>gateway.admin</c>); empty admits any token of the scheme.</summary>
    public string? Scope { get; set; } = "gateway.admin";

    public bool IsEnabled => !string.IsNullOrEmpty(ApiKey) || !string.IsNullOrEmpty(AuthenticationScheme);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(ApiKey) && ApiKey.Length < MinimumApiKeyLength)
        {
            yield return new ValidationResult(
                $"ApiKey must be at least {MinimumApiKeyLength} characters long.", [nameof(ApiKey)]);
        }
    }
}
