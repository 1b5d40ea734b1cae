using System.Net.Sockets;
using System.Text;

namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>
/// Sends a request byte for byte as written, on a new TCP connection, and reads the answer until the server closes. For
/// requests no HTTP client would send: undecoded targets, raw header bytes, broken chunked bodies.
/// </summary>
public static class RawHttp
{
    public static Task<RawResponse> GetAsync(Uri server, string target, params string[] headers) =>
        SendAsync(server, Encoding.ASCII.GetBytes(Head("GET", target, headers)));

    /// <summary>The request line and headers, with <c>Host</c> and <c>Connection: close</c>, ending with the blank line.</summary>
    public static string Head(string method, string target, params string[] headers) =>
        $"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + string.Concat(headers.Select(h => h + "\r\n")) + "\r\n";

    public static async Task<RawResponse> SendAsync(Uri server, byte[] request)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(request, timeout.Token);
        var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, timeout.Token);
        }
        catch (IOException) when (received.Length > 0)
        {
            // The server answered and reset the connection over request bytes it chose not to read.
        }

        return RawResponse.Parse(received.ToArray());
    }
}
