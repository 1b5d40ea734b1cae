using System.ComponentModel.DataAnnotations;

namespace OcelotGateway.Swagger;

/// <summary>
/// The aggregated Swagger UI (section <c>Gateway:Swagger</c>). The documents themselves are listed in the route files'
/// <c>SwaggerEndPoints</c>, as for SwaggerForOcelot; these settings say where the UI lives and how documents are fetched.
/// </summary>
public sealed class SwaggerOptions
{
    public const string SectionName = "Gateway:Swagger";

    /// <summary>Serve the UI and the documents (default true). Off, nothing is mapped and the paths fall through to the routes.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where the UI is served (default <c>/swagger</c>); documents are under <c>{Path}/docs/{version}/{key}</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^/[A-Za-z0-9._~/-]*[A-Za-z0-9._~-]$", ErrorMessage = "Path must start with '/', not end with '/', and hold plain path characters only.")]
    public string Path { get; set; } = "/swagger";

    /// <summary>How long a fetched downstream document is reused (default 30 s); 0 fetches it for every request.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Longest wait for a downstream document (default 5 s). A service that is down or slow fails its own entry within this
    /// time with a problem+json answer, so the UI never hangs.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest downstream document accepted, in bytes (default 8 MiB).</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxDocumentBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// Also list the gateway's own endpoints (health, metrics, reply polling, administration) as a <c>Gateway</c> document at
    /// <c>{Path}/docs/gateway/gateway</c>, like SwaggerForOcelot's <c>GenerateDocsForGatewayItSelf</c> (default false).
    /// </summary>
    public bool IncludeGatewayDocument { get; set; }

    /// <summary>Where documents are served: <c>{Path}/docs</c>.</summary>
    public string DocumentsPath => Path + "/docs";
}
