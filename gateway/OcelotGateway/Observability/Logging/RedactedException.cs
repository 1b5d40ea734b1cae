namespace OcelotGateway.Observability.Logging;

/// <summary>
/// Stands in, in a log line only, for an exception whose message (or an inner one's) holds a secret, such as Kestrel's
/// "Invalid request target: '/a?token=…'". It writes as the original does (type, messages, stack traces) with the secrets
/// redacted. Exceptions are never changed themselves; those without secrets are logged as they are.
/// </summary>
internal sealed class RedactedException : Exception
{
    private readonly string _text;
    private readonly string? _stackTrace;

    private RedactedException(Exception original, LogRedactor redactor)
        : base(redactor.Redact(original.Message))
    {
        _text = redactor.Redact(original.ToString());
        _stackTrace = original.StackTrace;
        HResult = original.HResult;
        Source = original.Source;
    }

    public override string? StackTrace => _stackTrace;

    public static Exception? Of(Exception? exception, LogRedactor redactor) =>
        exception is not null && HoldsSecret(exception, redactor, depth: 0) ? new RedactedException(exception, redactor) : exception;

    public override string ToString() => _text;

    // Exceptions nest shallowly in practice; the bound keeps a cyclic or pathological chain from costing a log line much.
    private static bool HoldsSecret(Exception exception, LogRedactor redactor, int depth)
    {
        if (depth > 16)
        {
            return false;
        }

        if (!ReferenceEquals(redactor.Redact(exception.Message), exception.Message))
        {
            return true;
        }

        if (exception is AggregateException aggregate)
        {
            return aggregate.InnerExceptions.Any(inner => HoldsSecret(inner, redactor, depth + 1));
        }

        return exception.InnerException is { } innerException && HoldsSecret(innerException, redactor, depth + 1);
    }
}
