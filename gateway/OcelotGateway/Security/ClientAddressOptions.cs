using System.ComponentModel.DataAnnotations;

namespace OcelotGateway.Security;

/// <summary>
/// How the gateway tells who the client is (section <c>Gateway:Security</c>; our extension). By default the client is the
/// connection's remote address and <c>X-Forwarded-For</c> is ignored, since any caller can write it.
/// </summary>
public sealed class ClientAddressOptions : IValidatableObject
{
    public const string SectionName = "Gateway:Security";

    /// <summary>
    /// Addresses or networks (same forms as <c>SecurityOptions</c> lists) of reverse proxies in front of the gateway. Only
    /// when the connection comes from one of them is <c>X-Forwarded-For</c> read: its entries are walked from the right,
    /// skipping trusted proxies, and the first other address is the client.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < TrustedProxies.Count; i++)
        {
            if (!IpAddressRange.TryParse(TrustedProxies[i], out _))
            {
                yield return new ValidationResult(
                    $"TrustedProxies[{i}] '{TrustedProxies[i]}' is not an IP address, range or network.", [nameof(TrustedProxies)]);
            }
        }
    }
}
