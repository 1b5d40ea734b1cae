using System.Globalization;
using OcelotGateway.Configuration.Loading;

namespace OcelotGateway.Administration;

/// <summary>
/// Makes a configuration posted to the administration API the route folder's configuration, as Ocelot's merge does by writing
/// <c>ocelot.json</c>: the document goes to <c>ocelot.json</c> atomically (a temporary file renamed over it), and the files that
/// produced the previous configuration — the <c>ocelot.*.json</c> fragments and <c>ocelot.{environment}.json</c>, which would
/// otherwise take precedence over or overlay it — are moved into <c>replaced/{UTC time}/</c> inside the folder. So the folder
/// loads exactly the posted document, now and after a restart, and nothing is deleted.
/// </summary>
internal static class RouteFolderReplacement
{
    public const string BackupFolderName = "replaced";

    public static async Task ReplaceAsync(string folder, string environment, string json, TimeProvider time, CancellationToken cancellationToken)
    {
        // Named so neither the loader (ocelot*.json) nor the folder watcher (*.json) ever sees it half-written.
        var temporary = Path.Combine(folder, "." + RouteFolderLayout.BaseFileName + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            await using (var writer = new StreamWriter(stream))
            {
                await writer.WriteAsync(json.AsMemory(), cancellationToken);
                await writer.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path.Combine(folder, RouteFolderLayout.BaseFileName), overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        var layout = RouteFolderLayout.FromFileNames(Directory.EnumerateFiles(folder).Select(f => Path.GetFileName(f)), environment);
        var superseded = layout.EnvironmentFile is null ? layout.Fragments : [.. layout.Fragments, layout.EnvironmentFile];
        if (superseded.Count == 0)
        {
            return;
        }

        var backup = Path.Combine(
            folder, BackupFolderName, time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss.fff'Z'", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(backup);
        foreach (var name in superseded)
        {
            File.Move(Path.Combine(folder, name), Path.Combine(backup, name), overwrite: true);
        }
    }
}
