namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>
/// Where the real <c>consul</c> binary is: <c>CONSUL_BINARY</c> (which <c>./test.sh</c> sets after
/// <c>tests/tools/get-consul.sh</c> fetched it), else <c>consul</c> on the PATH, else the cache that script fills
/// (<c>${XDG_CACHE_HOME:-~/.cache}/ocelotgateway/consul</c>). Null, with the reason, when there is none.
/// </summary>
public static class ConsulBinary
{
    private static readonly Lazy<string?> Found = new(Find);

    public static string? Path => Found.Value;

    public static string MissingReason =>
        "No consul binary: CONSUL_BINARY is unset, none is on the PATH or in ~/.cache/ocelotgateway. Run ./test.sh, which fetches "
        + "Debian bullseye's consul package with tests/tools/get-consul.sh, or install Consul.";

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("CONSUL_BINARY") is { Length: > 0 } configured && File.Exists(configured))
        {
            return configured;
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = System.IO.Path.Combine(directory, "consul");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var cacheHome = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        var cached = System.IO.Path.Combine(cacheHome, "ocelotgateway", "consul");
        return File.Exists(cached) ? cached : null;
    }
}
