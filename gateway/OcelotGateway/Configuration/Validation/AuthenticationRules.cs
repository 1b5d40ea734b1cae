using System.Globalization;
using OcelotGateway.Configuration.File;

namespace OcelotGateway.Configuration.Validation;

/// <summary>Authentication scheme names must be registered in the host, or every request to the route fails with 401.</summary>
internal static class AuthenticationRules
{
    public static void Check(FileAuthenticationOptions? options, ValidationContext context, ProblemScope parent)
    {
        if (options is null || context.AuthenticationSchemes is not { } registered)
        {
            return;
        }

        var scope = parent.Nested("AuthenticationOptions");
        CheckName(options.AuthenticationProviderKey, nameof(FileAuthenticationOptions.AuthenticationProviderKey), registered, scope);
        var keys = options.AuthenticationProviderKeys ?? [];
        for (var i = 0; i < keys.Count; i++)
        {
            CheckName(keys[i], string.Create(CultureInfo.InvariantCulture, $"{nameof(FileAuthenticationOptions.AuthenticationProviderKeys)}[{i}]"), registered, scope);
        }
    }

    private static void CheckName(string? scheme, string key, IReadOnlySet<string> registered, ProblemScope scope)
    {
        if (string.IsNullOrWhiteSpace(scheme) || registered.Contains(scheme))
        {
            return;
        }

        scope.Error(
            key,
            registered.Count == 0
                ? $"no authentication scheme '{scheme}' is registered; the host registers none"
                : $"no authentication scheme '{scheme}' is registered; registered: {string.Join(", ", registered.Order(StringComparer.Ordinal))}");
    }
}
