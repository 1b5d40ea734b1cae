using System.Threading.Channels;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace OcelotGateway.Configuration.Reload;

/// <summary>
/// Watches the route folder for saved <c>*.json</c> files and reloads after each burst of writes. Nothing it meets ends it: a
/// reload that fails is logged, and when the watch itself breaks (the folder deleted, moved, or made unreadable) it is set up
/// again with back-off, reloading once when it resumes, since saves may have been missed meanwhile. It ends only when the host stops.
/// </summary>
internal sealed partial class RouteFolderWatch : IDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FolderCheck = TimeSpan.FromSeconds(2);

    private readonly string _folder;
    private readonly TimeSpan _debounce;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private Watching? _started;

    public RouteFolderWatch(string folder, TimeSpan debounce, TimeProvider time, ILogger logger)
    {
        _folder = folder;
        _debounce = debounce;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Starts watching now, on the caller's thread. <see cref="RunAsync"/> runs later on the thread pool (a hosted service's
    /// <c>ExecuteAsync</c> does since .NET 10), so without this a save made as soon as start-up returns could go unseen. When the
    /// folder cannot be watched yet, <see cref="RunAsync"/> tries again and reports it.
    /// </summary>
    public void Start()
    {
        try
        {
            _started = Watch();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _started = null;
        }
    }

    /// <summary>Calls <paramref name="reload"/> after every burst of changes until <paramref name="stoppingToken"/> is cancelled.</summary>
    public async Task RunAsync(Func<CancellationToken, Task> reload, CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        var broken = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var watch = Interlocked.Exchange(ref _started, null) ?? Watch();
                if (broken)
                {
                    Log.WatchResumed(_logger, _folder);
                    (broken, retry) = (false, FirstRetry);
                    _changes.Writer.TryWrite(true);
                }

                await ReloadOnChangesAsync(reload, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                if (!broken)
                {
                    Log.WatchBroken(_logger, _folder, ex.GetType().Name, ex.Message);
                    broken = true;
                }
            }

            try
            {
                await Task.Delay(retry, _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            retry = retry * 2 < LongestRetry ? retry * 2 : LongestRetry;
        }
    }

    public void Dispose() => Interlocked.Exchange(ref _started, null)?.Dispose();

    /// <summary>A watch on the folder's <c>*.json</c> files that signals <see cref="_changes"/>; disposing it ends the watch.</summary>
    private Watching Watch()
    {
        var files = new PhysicalFileProvider(_folder);
        try
        {
            return new Watching(files, ChangeToken.OnChange(() => files.Watch("*.json"), () => _changes.Writer.TryWrite(true)));
        }
        catch
        {
            files.Dispose();
            throw;
        }
    }

    private async Task ReloadOnChangesAsync(Func<CancellationToken, Task> reload, CancellationToken stoppingToken)
    {
        while (true)
        {
            if (!await ChangedAsync(stoppingToken))
            {
                ThrowIfFolderGone();
                continue;
            }

            // Editors save in several writes; wait for the burst to end, then reload once.
            await Task.Delay(_debounce, _time, stoppingToken);
            _changes.Reader.TryRead(out _);
            try
            {
                await reload(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is not OutOfMemoryException)
            {
                Log.ReloadFailed(_logger, _folder, ex.GetType().Name, ex.Message);
            }

            ThrowIfFolderGone();
        }
    }

    /// <summary>True after a change; false when <see cref="FolderCheck"/> passed without one.</summary>
    private async Task<bool> ChangedAsync(CancellationToken stoppingToken)
    {
        using var check = new CancellationTokenSource(FolderCheck, _time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, check.Token);
        try
        {
            return await _changes.Reader.WaitToReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// A watch on a deleted folder may stay silent for good, even once a folder of that name is back; so the folder is looked
    /// for now and then, and a new watch is set up when it went.
    /// </summary>
    private void ThrowIfFolderGone()
    {
        if (!Directory.Exists(_folder))
        {
            throw new DirectoryNotFoundException("the folder was removed");
        }
    }

    private sealed class Watching(PhysicalFileProvider files, IDisposable registration) : IDisposable
    {
        public void Dispose()
        {
            registration.Dispose();
            files.Dispose();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 104, Level = LogLevel.Error,
            Message = "Reloading the route files in {Folder} failed ({ExceptionType}: {Reason}); the last good configuration keeps serving")]
        public static partial void ReloadFailed(ILogger logger, string folder, string exceptionType, string reason);

        [LoggerMessage(EventId = 105, Level = LogLevel.Error,
            Message = "Watching {Folder} for saved route files stopped ({ExceptionType}: {Reason}); the running configuration keeps serving and the watch is retried")]
        public static partial void WatchBroken(ILogger logger, string folder, string exceptionType, string reason);

        [LoggerMessage(EventId = 107, Level = LogLevel.Information, Message = "Watching {Folder} for saved route files again; reloading it")]
        public static partial void WatchResumed(ILogger logger, string folder);
    }
}
