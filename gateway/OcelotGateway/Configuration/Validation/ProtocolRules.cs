using System.Text.RegularExpressions;
using OcelotGateway.Configuration.File;

namespace OcelotGateway.Configuration.Validation;

/// <summary>Scheme, HTTP version and method settings, shared by static routes, dynamic routes and the global configuration.</summary>
internal static partial class ProtocolRules
{
    private static readonly string[] Schemes = ["http", "https", "ws", "wss"];
    private static readonly string[] VersionPolicies = ["RequestVersionExact", "RequestVersionOrLower", "RequestVersionOrHigher"];

    public static void CheckScheme(string? scheme, ProblemScope scope)
    {
        if (!string.IsNullOrWhiteSpace(scheme) && !Schemes.Contains(scheme.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            scope.Error(nameof(FileRoute.DownstreamScheme), $"unknown scheme '{scheme}'; expected http, https, ws or wss");
        }
    }

    public static void CheckHttpVersion(string? version, string? policy, ProblemScope scope)
    {
        if (!string.IsNullOrEmpty(version) && !VersionPattern().IsMatch(version))
        {
            scope.Error(nameof(FileRoute.DownstreamHttpVersion), $"'{version}' is not an HTTP version; expected 1.0, 1.1, 2.0 or 3.0");
        }

        // Matched case-sensitively, as Ocelot's validator does.
        if (!string.IsNullOrEmpty(policy) && !VersionPolicies.Contains(policy, StringComparer.Ordinal))
        {
            scope.Error(
                nameof(FileRoute.DownstreamHttpVersionPolicy),
                $"unknown policy '{policy}'; expected RequestVersionExact, RequestVersionOrLower or RequestVersionOrHigher");
        }
    }

    public static void CheckMethods(FileRoute route, ProblemScope scope)
    {
        if (route.DownstreamHttpMethod is { } method && !IsToken(method.Trim()))
        {
            scope.Error(nameof(FileRoute.DownstreamHttpMethod), $"'{method}' is not an HTTP method, e.g. GET or POST");
        }

        CheckUpstreamMethods(route.UpstreamHttpMethod, scope);
    }

    public static void CheckUpstreamMethods(IReadOnlyList<string> methods, ProblemScope scope)
    {
        for (var i = 0; i < methods.Count; i++)
        {
            if (methods[i] is null || !IsToken(methods[i].Trim()))
            {
                scope.Warning(
                    nameof(FileRoute.UpstreamHttpMethod) + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]",
                    $"'{methods[i]}' is not an HTTP method, so no request matches it; write e.g. \"Get\" or \"Post\"");
            }
        }
    }

    /// <summary>An RFC 9110 token: what an HTTP method or header name may be made of.</summary>
    public static bool IsToken(string value) => value.Length > 0 && TokenPattern().IsMatch(value);

    /// <summary>The versions a downstream request can be sent with; a comma works as the separator, as in Ocelot.</summary>
    [GeneratedRegex(@"^(1([.,][01])?|[23]([.,]0)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();
}
