namespace OcelotGateway.Swagger.Rewriting;

/// <summary>A downstream answer that is not a document the gateway can rewrite; the message is safe to show callers.</summary>
internal sealed class SwaggerDocumentException : Exception
{
    public SwaggerDocumentException(string message)
        : base(message)
    {
    }

    public SwaggerDocumentException()
    {
    }

    public SwaggerDocumentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
