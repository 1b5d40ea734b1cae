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

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Write(string name, string content) => File.WriteAllText(Path.Combine(_folder, name), content);
}
