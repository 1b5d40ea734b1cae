using OcelotGateway.Configuration.File;

namespace OcelotGateway.Configuration.Validation;

/// <summary>
/// <c>UpstreamHeaderTransform</c> and <c>DownstreamHeaderTransform</c> entries: a value with a comma is Ocelot's
/// <c>"find, replace"</c>, anything else is set; a value that is exactly one <c>{Placeholder}</c> is resolved, and one that
/// cannot be resolved makes the header silently skipped.
/// </summary>
internal static class HeaderTransformRules
{
    private static readonly string[] RequestPlaceholders = ["{BaseUrl}", "{RemoteIpAddress}", "{UpstreamHost}"];
    private static readonly string[] ResponsePlaceholders = ["{BaseUrl}", "{TraceId}"];

    /// <param name="key">Either transform's name.</param>
    /// <param name="request">True for the request side (<c>UpstreamHeaderTransform</c>).</param>
    public static void Check(IReadOnlyDictionary<string, string> transforms, string key, bool request, ProblemScope scope)
    {
        foreach (var (header, value) in transforms)
        {
            var entryKey = key + "." + header;
            if (!ProtocolRules.IsToken(header))
            {
                scope.Error(entryKey, $"'{header}' is not a valid header name");
            }

            if (value is null)
            {
                scope.Error(entryKey, "needs a value: text to set, or \"find, replace\"");
                continue;
            }

            WrittenHeaderRules.CheckValue(value, entryKey, scope);

            var comma = value.IndexOf(',', StringComparison.Ordinal);
            if (comma >= 0)
            {
                CheckFindReplace(value[..comma], entryKey, request, scope);
            }
            else
            {
                CheckSetValue(value.Trim(), entryKey, request, scope);
            }
        }
    }

    private static void CheckFindReplace(string find, string key, bool request, ProblemScope scope)
    {
        if (find.Trim().Length == 0)
        {
            scope.Error(key, "nothing to find before the comma; write \"find, replace\", or a value without a comma to set the header");
        }
        else if (request && find.Trim() == "{DownstreamBaseUrl}")
        {
            scope.Warning(key, "{DownstreamBaseUrl} is known only for response headers (DownstreamHeaderTransform); here it is searched for literally");
        }
    }

    private static void CheckSetValue(string value, string key, bool request, ProblemScope scope)
    {
        if (value.Length < 3 || value[0] != '{' || value[^1] != '}' || value.IndexOf('{', 1) >= 0)
        {
            return;
        }

        var known = request ? RequestPlaceholders : ResponsePlaceholders;
        if (!known.Contains(value, StringComparer.Ordinal))
        {
            scope.Warning(
                key,
                $"{value} cannot be resolved for {(request ? "request" : "response")} headers, so the header is skipped; known: {string.Join(", ", known)}");
        }
    }
}
