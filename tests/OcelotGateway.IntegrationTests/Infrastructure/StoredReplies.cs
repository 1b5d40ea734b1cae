using System.Net;
using OcelotGateway.Caching.AsyncReplies;

namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>Awaits asynchronous replies being stored by a gateway's background worker, instead of sleeping or polling.</summary>
public static class StoredReplies
{
    /// <summary>Completes with the poll key of the next reply stored after this call.</summary>
    public static Task<string> NextAsync(GatewayInstance gateway)
    {
        var stored = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var worker = gateway.Services.GetRequiredService<AsyncReplyWorker>();
        void OnStored(string key)
        {
            worker.Stored -= OnStored;
            stored.TrySetResult(key);
        }

        worker.Stored += OnStored;
        return stored.Task;
    }

    /// <summary>Completes once <paramref name="count"/> more replies are stored.</summary>
    public static Task CountAsync(GatewayInstance gateway, int count)
    {
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var worker = gateway.Services.GetRequiredService<AsyncReplyWorker>();
        var stored = 0;
        void OnStored(string _)
        {
            if (Interlocked.Increment(ref stored) == count)
            {
                worker.Stored -= OnStored;
                all.TrySetResult();
            }
        }

        worker.Stored += OnStored;
        return all.Task;
    }

    /// <summary>Sends the request and, when it is accepted (202), waits until its reply is stored.</summary>
    public static async Task<HttpResponseMessage> SendAndWaitAsync(GatewayInstance gateway, HttpRequestMessage request)
    {
        var stored = NextAsync(gateway);
        var response = await gateway.Client.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            await stored.WaitAsync(TimeSpan.FromSeconds(20));
        }

        return response;
    }
}
