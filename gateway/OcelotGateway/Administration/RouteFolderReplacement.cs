using System.Globalization;
using OcelotGateway.Configuration.Loading;

namespace OcelotGateway.Administration;

/// <summary>
/// Makes a configuration posted to the administration API the route folder's configuration, as Ocelot's merge does by writing
/// <c>ocelot.json</c>: the document goes to <c>ocelot.json</c> atomically (a temporary file renamed over it), and the files that
/// produced the previous configuration — the <c>ocelot.*.json</c> fragments and <c>ocelot.{environment}.json</c>, which would
/// otherwise take precedence over or overlay it — are moved into <c>replaced/{UTC time}/</c> inside the folder. So the folder
/// loads exactly the posted document, now and after a restart, and nothing is deleted. A replacement can be undone: should a
/// step fail, or the gateway fail to apply the result, the previous <c>ocelot.json</c> and the moved files are put back.
/// </summary>
internal sealed class RouteFolderReplacement
{
    public const string BackupFolderName = "replaced";

    private readonly string _folder;
    private readonly byte[]? _previousBaseFile;
    private readonly List<(string From, string To)> _moved = [];
    private string? _backup;

    private RouteFolderReplacement(string folder, byte[]? previousBaseFile)
    {
        _folder = folder;
        _previousBaseFile = previousBaseFile;
    }

    private string BaseFile => Path.Combine(_folder, RouteFolderLayout.BaseFileName);

    /// <summary>Replaces the folder's configuration with <paramref name="json"/>; on failure, undoes what it did and throws.</summary>
    public static async Task<RouteFolderReplacement> ReplaceAsync(
        string folder, string environment, string json, TimeProvider time, CancellationToken cancellationToken)
    {
        var basePath = Path.Combine(folder, RouteFolderLayout.BaseFileName);
        var replacement = new RouteFolderReplacement(folder, File.Exists(basePath) ? await File.ReadAllBytesAsync(basePath, cancellationToken) : null);
        try
        {
            // While the fragments are still there they win over ocelot.json, so a restart in between loads the previous files.
            await WriteAtomicallyAsync(folder, System.Text.Encoding.UTF8.GetBytes(json), cancellationToken);
            replacement.MoveSuperseded(environment, time);
            return replacement;
        }
        catch
        {
            await replacement.UndoAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>Puts the previous <c>ocelot.json</c> (or its absence) and every moved file back.</summary>
    public async Task UndoAsync(CancellationToken cancellationToken)
    {
        for (var i = _moved.Count - 1; i >= 0; i--)
        {
            File.Move(_moved[i].To, _moved[i].From, overwrite: true);
        }

        _moved.Clear();
        if (_backup is not null && !Directory.EnumerateFileSystemEntries(_backup).Any())
        {
            Directory.Delete(_backup);
        }

        if (_previousBaseFile is null)
        {
            File.Delete(BaseFile);
        }
        else
        {
            await WriteAtomicallyAsync(_folder, _previousBaseFile, cancellationToken);
        }
    }

    private void MoveSuperseded(string environment, TimeProvider time)
    {
        var layout = RouteFolderLayout.FromFileNames(Directory.EnumerateFiles(_folder).Select(f => Path.GetFileName(f)), environment);
        var superseded = layout.EnvironmentFile is null ? layout.Fragments : [.. layout.Fragments, layout.EnvironmentFile];
        if (superseded.Count == 0)
        {
            return;
        }

        _backup = Path.Combine(
            _folder, BackupFolderName, time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss.fff'Z'", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(_backup);
        foreach (var name in superseded)
        {
            var from = Path.Combine(_folder, name);
            var to = Path.Combine(_backup, name);
            File.Move(from, to, overwrite: true);
            _moved.Add((from, to));
        }
    }

    private static async Task WriteAtomicallyAsync(string folder, byte[] content, CancellationToken cancellationToken)
    {
        // Named so neither the loader (ocelot*.json) nor the folder watcher (*.json) ever sees it half-written.
        var temporary = Path.Combine(folder, "." + RouteFolderLayout.BaseFileName + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(content, cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path.Combine(folder, RouteFolderLayout.BaseFileName), overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
