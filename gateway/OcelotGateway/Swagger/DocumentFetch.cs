namespace OcelotGateway.Swagger;

/// <summary>The outcome of fetching one downstream document: its bytes, or the status and reason the gateway answers with.</summary>
internal sealed record DocumentFetch(byte[]? Body, int Status, string? Problem)
{
    public bool Succeeded => Body is not null;

    public static DocumentFetch Success(byte[] body) => new(body, 200, null);

    public static DocumentFetch Failure(int status, string problem) => new(null, status, problem);
}
