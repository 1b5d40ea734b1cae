using Microsoft.Extensions.Logging.Abstractions;
using OcelotGateway.Configuration.Reload;

namespace OcelotGateway.Tests.Configuration;

/// <summary>
/// The folder watch behind hot reload. Its loop runs on the thread pool some time after start-up, so a save made in between must
/// not go unseen.
/// </summary>
public sealed class RouteFolderWatchTests
{
    [Fact]
    public async Task SaveBetweenStartAndRun_IsReloaded()
    {
        using var folder = new TempRouteFolder().With("ocelot.json", """{ "Routes": [] }""");
        using var watch = new RouteFolderWatch(folder.Path, TimeSpan.FromMilliseconds(10), TimeProvider.System, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        watch.Start();
        folder.With("ocelot.json", """{ "Routes": [ ] , "GlobalConfiguration": {} }""");
        var running = watch.RunAsync(_ => { reloaded.TrySetResult(); return Task.CompletedTask; }, stop.Token);

        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task FolderMissingAtStart_IsWatchedOnceItExists()
    {
        using var parent = new TempRouteFolder();
        var missing = Path.Combine(parent.Path, "later");
        using var watch = new RouteFolderWatch(missing, TimeSpan.FromMilliseconds(10), TimeProvider.System, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        watch.Start();
        var running = watch.RunAsync(_ => { reloaded.TrySetResult(); return Task.CompletedTask; }, stop.Token);
        Directory.CreateDirectory(missing);

        // The watch is set up again once the folder is there, and reloads then, since saves may have been missed.
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await stop.CancelAsync();
        await running;
    }
}
