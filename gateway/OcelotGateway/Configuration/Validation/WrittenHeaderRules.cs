using OcelotGateway.Configuration.File;
using OcelotGateway.Transforms;

namespace OcelotGateway.Configuration.Validation;

/// <summary>
/// Header names and fixed values the gateway writes onto requests and responses: <c>RequestIdKey</c>,
/// <c>AddHeadersToRequest</c> and, through <c>{BaseUrl}</c>, <c>BaseUrl</c>. A name that is not
/// an HTTP token or a value with a line break, a control character or non-ASCII text cannot be sent, and would fail every
/// request of the route instead of the save.
/// </summary>
internal static class WrittenHeaderRules
{
    public static void CheckRoute(FileRoute route, ProblemScope scope)
    {
        CheckName(route.RequestIdKey, nameof(FileRoute.RequestIdKey), scope);
        foreach (var (name, value) in route.AddHeadersToRequest)
        {
            var key = nameof(FileRoute.AddHeadersToRequest) + "." + name;
            if (!ProtocolRules.IsToken(name))
            {
                scope.Error(key, $"'{name}' is not a valid header name");
            }

            if (!ClaimValueExpression.TryParse(value, out _))
            {
                CheckValue(value, key, scope);
            }
        }
    }

    public static void CheckGlobal(FileGlobalConfiguration global, ProblemScope scope)
    {
        CheckName(global.RequestIdKey, nameof(FileGlobalConfiguration.RequestIdKey), scope);
        CheckValue(global.BaseUrl, nameof(FileGlobalConfiguration.BaseUrl), scope);
    }

    /// <summary>Reports a value that cannot be sent in an HTTP header.</summary>
    public static void CheckValue(string? value, string key, ProblemScope scope)
    {
        if (value is not null && !IsHeaderValue(value))
        {
            scope.Error(key, $"'{Printable(value)}' cannot be sent in a header: only visible ASCII characters, spaces and tabs are allowed (write a host name in its xn-- form)");
        }
    }

    /// <summary>Reports a name that cannot be sent as an HTTP header name.</summary>
    public static void CheckName(string? name, string key, ProblemScope scope)
    {
        if (!string.IsNullOrWhiteSpace(name) && !ProtocolRules.IsToken(name.Trim()))
        {
            scope.Error(key, $"'{Printable(name)}' is not a valid header name");
        }
    }

    private static bool IsHeaderValue(string value)
    {
        foreach (var c in value)
        {
            if (c is not ('\t' or (>= ' ' and <= '~')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The value with control characters shown as escapes, so the message itself cannot break a log line.</summary>
    private static string Printable(string value) =>
        string.Concat(value.Select(c => char.IsControl(c) ? "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) : c.ToString()));
}
