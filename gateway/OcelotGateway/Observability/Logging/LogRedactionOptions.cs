namespace OcelotGateway.Observability.Logging;

/// <summary>
/// What the gateway keeps out of every log line the process writes, framework lines included (section
/// <c>Gateway:LogRedaction</c>). Names are compared ignoring case; a list that is set replaces its defaults.
/// </summary>
public sealed class LogRedactionOptions
{
    public const string SectionName = "Gateway:LogRedaction";

    /// <summary>The defaults of <see cref="QueryParameters"/>.</summary>
    public static readonly IReadOnlyList<string> DefaultQueryParameters =
    [
        "token", "access_token", "id_token", "refresh_token", "jwt", "auth", "password", "passwd", "pwd", "secret",
        "client_secret", "client_assertion", "api_key", "apikey", "api-key", "key", "code", "signature", "sig",
        "session", "sessionid", "x-amz-signature", "x-amz-credential", "x-amz-security-token",
    ];

    /// <summary>The defaults of <see cref="Properties"/>: the credential headers.</summary>
    public static readonly IReadOnlyList<string> DefaultProperties = ["Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie"];

    /// <summary>
    /// Query parameters whose values are written as <c>[redacted]</c> wherever a URL or query appears in a line: in message
    /// properties, rendered messages, scopes and exception messages (<c>?token=abc</c> becomes <c>?token=[redacted]</c>).
    /// Default: <see cref="DefaultQueryParameters"/>.
    /// </summary>
    public string[]? QueryParameters { get; set; }

    /// <summary>
    /// Log properties whose whole value is written as <c>[redacted]</c>, whoever logs them. Default:
    /// <see cref="DefaultProperties"/>. Names in <see cref="QueryParameters"/> count too (a property named <c>password</c>).
    /// </summary>
    public string[]? Properties { get; set; }
}
