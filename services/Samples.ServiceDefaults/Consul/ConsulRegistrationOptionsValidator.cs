using Microsoft.Extensions.Options;

namespace Samples.ServiceDefaults.Consul;

/// <summary>Checks the <c>Consul</c> section at start-up and reports every problem at once, naming the key.</summary>
internal sealed class ConsulRegistrationOptionsValidator : IValidateOptions<ConsulRegistrationOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsulRegistrationOptions options)
    {
        if (!options.IsEnabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!Uri.TryCreate(options.Address, UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"Consul:Address must be an absolute http or https URL (got '{options.Address}').");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceName))
        {
            failures.Add("Consul:ServiceName must not be empty.");
        }

        if (options.ServicePort is < 1 or > 65535)
        {
            failures.Add("Consul:ServicePort must be between 1 and 65535.");
        }

        Positive(failures, nameof(options.CheckInterval), options.CheckInterval);
        Positive(failures, nameof(options.CheckTimeout), options.CheckTimeout);
        Positive(failures, nameof(options.DeregisterCriticalServiceAfter), options.DeregisterCriticalServiceAfter);
        Positive(failures, nameof(options.VerifyInterval), options.VerifyInterval);
        Positive(failures, nameof(options.RetryDelay), options.RetryDelay);
        Positive(failures, nameof(options.RequestTimeout), options.RequestTimeout);
        if (options.MaxRetryDelay < options.RetryDelay)
        {
            failures.Add("Consul:MaxRetryDelay must not be shorter than Consul:RetryDelay.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"Consul:{key} must be longer than zero.");
        }
    }
}
