using System.Collections.Frozen;
using System.Security.Cryptography;

namespace OcelotGateway.Administration.Console;

/// <summary>
/// The console's page, script and style sheet, embedded in the library (no build step, no files to deploy) and read once.
/// </summary>
internal sealed class ConsoleAssets
{
    public const string IndexName = "index.html";

    private const string ResourcePrefix = "OcelotGateway.Console.";

    private ConsoleAssets(FrozenDictionary<string, ConsoleAsset> assets)
    {
        Assets = assets;
    }

    public FrozenDictionary<string, ConsoleAsset> Assets { get; }

    public static ConsoleAssets Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var assets = new Dictionary<string, ConsoleAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[ResourcePrefix.Length..];
            var content = copy.ToArray();
            assets[name] = new ConsoleAsset(content, ContentTypeOf(name), "\"" + Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 8)) + "\"");
        }

        return new ConsoleAssets(assets.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}

internal sealed record ConsoleAsset(byte[] Content, string ContentType, string ETag);
