using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OcelotGateway.Errors;

/// <summary>
/// Last line of defence: an unexpected failure is logged in full and answered 500 problem+json without details. A request
/// Kestrel refuses while it is being read (malformed or oversized body) is answered with Kestrel's status instead.
/// </summary>
internal sealed partial class UnhandledExceptionStep
{
    private readonly RequestDelegate _next;
    private readonly ILogger<UnhandledExceptionStep> _logger;

    public UnhandledExceptionStep(RequestDelegate next, ILogger<UnhandledExceptionStep> logger)
    {
        _next = next;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var task = _next(context);
        return task.IsCompletedSuccessfully ? Task.CompletedTask : AwaitAsync(context, task);
    }

    private async Task AwaitAsync(HttpContext context, Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = ForwarderErrorAnswer.ClientClosedRequest;
            }
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            // Kestrel refused the request while a step read it (a malformed or oversized body): the client's error, not ours.
            var (title, detail) = BadRequestBody.Describe(ex.StatusCode);
            Log.BadRequest(_logger, context.Request.Method, context.Request.Path.Value, ex.StatusCode, ex.Message);
            await ProblemResponse.WriteAsync(context, ex.StatusCode, title, detail, CancellationToken.None);
        }
        catch (Exception ex)
        {
            Log.Unhandled(_logger, context.Request.Method, context.Request.Path.Value, ex);
            if (context.Response.HasStarted)
            {
                throw;
            }

            await ProblemResponse.WriteAsync(
                context,
                StatusCodes.Status500InternalServerError,
                "Internal Server Error",
                "The gateway failed to handle the request.",
                CancellationToken.None);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unhandled error while handling {Method} {Path}")]
        public static partial void Unhandled(ILogger logger, string method, string? path, Exception exception);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Refused {Method} {Path} with {StatusCode}: {Reason}")]
        public static partial void BadRequest(ILogger logger, string method, string? path, int statusCode, string reason);
    }
}
