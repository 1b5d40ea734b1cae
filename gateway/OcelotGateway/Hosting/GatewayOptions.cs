using System.ComponentModel.DataAnnotations;

namespace OcelotGateway.Hosting;

/// <summary>Settings of the gateway host itself (section <c>Gateway</c>); the routes live in the Ocelot route files.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>
    /// Folder holding the Ocelot route files (default <c>ocelot</c>). A relative path is looked up from the content root and
    /// then from each parent folder, so the host finds the repository's <c>ocelot/</c> folder from its project or output folder.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string ConfigFolder { get; set; } = "ocelot";

    /// <summary>Apply saved route files without a restart (default true). Invalid saves are logged and ignored.</summary>
    public bool ReloadOnChange { get; set; } = true;

    /// <summary>Quiet period after a file change before reloading, so an editor's several writes cause one reload.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan ReloadDebounce { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// <c>Files</c> (default) or <c>Consul</c>: read the configuration from Consul KV and follow it there (see
    /// <see cref="GatewayConfigurationSource.Consul"/>). The route folder then only says where Consul is and seeds an empty key.
    /// </summary>
    public GatewayConfigurationSource ConfigurationSource { get; set; } = GatewayConfigurationSource.Files;
}
