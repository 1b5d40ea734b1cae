namespace OcelotGateway.BrowserTests;

/// <summary>The Chromium the browser tests drive: the first of the usual executable names found on <c>PATH</c>.</summary>
internal static class Chromium
{
    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome"];

    public static string? Executable { get; } = Find(Environment.GetEnvironmentVariable("PATH"));

    public static string? Find(string? path) =>
        (path ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(folder => Names.Select(name => Path.Combine(folder, name)))
            .FirstOrDefault(File.Exists);

    public static string SkipReason => "no Chromium on PATH (looked for " + string.Join(", ", Names) + "); ./test.sh installs Debian's chromium";
}
