using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>
/// A TCP relay on 127.0.0.1 between the gateway and a <see cref="RedisServer"/>, standing in for the network: it can cut
/// every connection (as a broken link does) and hold new ones, whose bytes then wait in the relay so their handshake hangs,
/// as over a congested link. StackExchange.Redis keeps two connections to a server, one for commands and one for pub/sub;
/// the relay tells them apart by the <c>SUBSCRIBE</c> the pub/sub one's handshake ends with, and lets each kind through
/// separately.
/// </summary>
public sealed class RedisLink : IAsyncDisposable
{
    private static readonly byte[] SubscribeMarker = Encoding.ASCII.GetBytes("SUBSCRIBE");

    private readonly int _redisPort;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly List<Relay> _relays = [];
    private readonly Task _accepting;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _holdCommands;
    private bool _holdPubSub;

    public RedisLink(RedisServer redis)
    {
        _redisPort = redis.Port;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>Closes every connection through the relay; from then on new ones are held until <see cref="Release"/>.</summary>
    public void CutAndHold()
    {
        Relay[] cut;
        lock (_lock)
        {
            _holdCommands = _holdPubSub = true;
            cut = [.. _relays];
            _relays.Clear();
        }

        foreach (var relay in cut)
        {
            relay.Close();
        }
    }

    /// <summary>Lets held and new connections of one kind through (<paramref name="pubSub"/>: the subscription one).</summary>
    public void Release(bool pubSub)
    {
        Relay[] released;
        lock (_lock)
        {
            if (pubSub)
            {
                _holdPubSub = false;
            }
            else
            {
                _holdCommands = false;
            }

            released = [.. _relays.Where(r => r.IsPubSub == pubSub)];
        }

        foreach (var relay in released)
        {
            relay.Open();
        }
    }

    /// <summary>Waits until a connection of that kind has sent its handshake and is held (or passed) by the relay.</summary>
    public async Task WaitForConnectionAsync(bool pubSub, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_relays.Any(r => r.IsPubSub == pubSub))
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(deadline.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        lock (_lock)
        {
            foreach (var relay in _relays)
            {
                relay.Close();
            }

            _relays.Clear();
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => StartRelayAsync(client));
        }
    }

    private async Task StartRelayAsync(TcpClient client)
    {
        var server = new TcpClient();
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _redisPort, _stopping.Token);
            // The handshake is written in one go and ends with SUBSCRIBE on the pub/sub connection.
            var buffer = new byte[16 * 1024];
            var read = await client.GetStream().ReadAsync(buffer, _stopping.Token);
            if (read == 0)
            {
                throw new IOException("closed before its handshake");
            }

            var relay = new Relay(client, server, buffer.AsMemory(0, read), buffer.AsSpan(0, read).IndexOf(SubscribeMarker) >= 0);
            bool held;
            lock (_lock)
            {
                _relays.Add(relay);
                held = relay.IsPubSub ? _holdPubSub : _holdCommands;
                _changed.TrySetResult();
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            if (!held)
            {
                relay.Open();
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
        {
            // Redis is down or the client gave up: the client sees its connection closed, as it would without the relay.
            client.Dispose();
            server.Dispose();
        }
    }

    /// <summary>One client connection and its connection to Redis; bytes flow once it is opened.</summary>
    private sealed class Relay(TcpClient client, TcpClient server, ReadOnlyMemory<byte> handshake, bool isPubSub)
    {
        private int _opened;

        public bool IsPubSub { get; } = isPubSub;

        public void Open()
        {
            if (Interlocked.Exchange(ref _opened, 1) == 0)
            {
                _ = PumpAsync();
            }
        }

        public void Close()
        {
            client.Dispose();
            server.Dispose();
        }

        private async Task PumpAsync()
        {
            try
            {
                await server.GetStream().WriteAsync(handshake);
                await Task.WhenAny(client.GetStream().CopyToAsync(server.GetStream()), server.GetStream().CopyToAsync(client.GetStream()));
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
            {
                // Either side closed: so does the other, below.
            }

            Close();
        }
    }
}
