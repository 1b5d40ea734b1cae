namespace OcelotGateway.Configuration.Loading;

/// <summary>
/// Bounds on what a route file may hold, so that no file, however written, can exhaust memory or reach a code path with a
/// value nothing downstream of the loader was built for. Each is far above what a real route file needs.
/// </summary>
public static class RouteFileLimits
{
    /// <summary>Largest route file read (and largest body the administration API takes): a thousand routes need about 500 KiB.</summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>Longest text value or key, in UTF-16 characters; templates, hosts, header names and messages are far shorter.</summary>
    public const int MaxStringLength = 4096;

    /// <summary>Deepest nesting of objects and arrays; the route-file model is less than ten levels deep.</summary>
    public const int MaxDepth = 64;
}
