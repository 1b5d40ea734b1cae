using OcelotGateway.Configuration.File;

namespace OcelotGateway.Configuration.Validation;

/// <summary><c>CacheOptions</c> (or its legacy name <c>FileCacheOptions</c>, which wins when both are set, as in Ocelot v25).</summary>
internal static class CacheRules
{
    public static void Check(FileCacheOptions? options, FileCacheOptions? legacy, ProblemScope scope)
    {
        if (options is not null && legacy is not null)
        {
            scope.Warning(nameof(FileRoute.CacheOptions), "ignored: the legacy FileCacheOptions is also set and wins, as in Ocelot; keep one of them");
        }

        CheckTtl(legacy, nameof(FileRoute.FileCacheOptions), scope);
        CheckTtl(options, nameof(FileRoute.CacheOptions), scope);
    }

    public static void CheckTtl(FileCacheOptions? options, string key, ProblemScope scope)
    {
        if (options?.TtlSeconds is < 0)
        {
            scope.Error(key + "." + nameof(FileCacheOptions.TtlSeconds), $"{options.TtlSeconds} must be 0 (no caching) or more seconds");
        }
    }
}
