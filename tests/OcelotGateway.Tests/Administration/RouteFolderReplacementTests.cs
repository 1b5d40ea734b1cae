using Microsoft.Extensions.Time.Testing;
using OcelotGateway.Administration;

namespace OcelotGateway.Tests.Administration;

public sealed class RouteFolderReplacementTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("route-folder-replacement-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    [Fact]
    public async Task ReplaceAsync_WritesOcelotJson_MovesFragmentsAndEnvironmentFile_LeavesOthers()
    {
        Write("ocelot.json", "old");
        Write("ocelot.a.json", "a");
        Write("ocelot.global.json", "g");
        Write("ocelot.Staging.json", "s");
        Write("ocelot.Development.json", "other environment");
        Write("notes.txt", "n");

        await RouteFolderReplacement.ReplaceAsync(_folder, "Staging", "{ \"Routes\": [] }", _time, CancellationToken.None);

        Assert.Equal("{ \"Routes\": [] }", File.ReadAllText(Path.Combine(_folder, "ocelot.json")));
        Assert.Equal(["notes.txt", "ocelot.Development.json", "ocelot.json"], Directory.EnumerateFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var backup = Path.Combine(_folder, "replaced", "20260102T030405.000Z");
        Assert.Equal(["ocelot.Staging.json", "ocelot.a.json", "ocelot.global.json"], Directory.EnumerateFiles(backup).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("a", File.ReadAllText(Path.Combine(backup, "ocelot.a.json")));
    }

    [Fact]
    public async Task ReplaceAsync_SingleFileFolder_OnlyReplacesIt_NoTemporaryFilesLeft()
    {
        Write("ocelot.json", "old");

        await RouteFolderReplacement.ReplaceAsync(_folder, "Production", "new", _time, CancellationToken.None);

        Assert.Equal(["ocelot.json"], Directory.EnumerateFileSystemEntries(_folder).Select(Path.GetFileName));
        Assert.Equal("new", File.ReadAllText(Path.Combine(_folder, "ocelot.json")));
    }

    [Fact]
    public async Task UndoAsync_PutsBackThePreviousOcelotJsonAndEveryMovedFile()
    {
        Write("ocelot.json", "old");
        Write("ocelot.a.json", "a");
        Write("ocelot.Staging.json", "s");
        var before = Snapshot();

        var replacement = await RouteFolderReplacement.ReplaceAsync(_folder, "Staging", "new", _time, CancellationToken.None);
        await replacement.UndoAsync(CancellationToken.None);

        Assert.Equal(before, Snapshot());
        Assert.False(Directory.Exists(Path.Combine(_folder, "replaced", "20260102T030405.000Z")));
    }

    [Fact]
    public async Task UndoAsync_FolderWithoutOcelotJson_RemovesTheWrittenOne()
    {
        Write("ocelot.a.json", "a");
        var before = Snapshot();

        var replacement = await RouteFolderReplacement.ReplaceAsync(_folder, "Production", "new", _time, CancellationToken.None);
        await replacement.UndoAsync(CancellationToken.None);

        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task ReplaceAsync_MoveFails_LeavesTheFolderAsItWas()
    {
        Write("ocelot.json", "old");
        Write("ocelot.a.json", "a");
        Write("ocelot.b.json", "b");
        // A directory where a moved fragment should land makes its move fail half-way through.
        Directory.CreateDirectory(Path.Combine(_folder, "replaced", "20260102T030405.000Z", "ocelot.b.json"));
        var before = Snapshot();

        await Assert.ThrowsAnyAsync<IOException>(() => RouteFolderReplacement.ReplaceAsync(_folder, "Production", "new", _time, CancellationToken.None));

        Assert.Equal(before, Snapshot());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The top-level files of the folder with their content, in name order.</summary>
    private string Snapshot() =>
        string.Join("\n", Directory.EnumerateFiles(_folder).Order(StringComparer.Ordinal).Select(f => Path.GetFileName(f) + "=" + File.ReadAllText(f)));

    private void Write(string name, string content) => File.WriteAllText(Path.Combine(_folder, name), content);
}
