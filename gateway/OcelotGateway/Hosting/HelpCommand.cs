namespace OcelotGateway.Hosting;

/// <summary>
/// <c>--help</c> (also <c>-h</c>, <c>-?</c>, <c>help</c>): what the host can do and the settings an operator reaches for first,
/// so a first run does not start a server just to find out.
/// </summary>
public static class HelpCommand
{
    public const string Text = """
        OcelotGateway.Host: an API gateway that reads Ocelot route files (ocelot.json, ocelot.*.json).

        usage:
          OcelotGateway.Host [--Setting=value ...]
              run the gateway
          OcelotGateway.Host validate [FOLDER] [--environment ENV]
          OcelotGateway.Host validate --consul URL [--key KEY] [--token TOKEN]
              check route files (or the configuration stored in Consul KV) as the gateway would at start-up;
              exit code 0 valid, 1 invalid, 2 bad arguments or unreadable configuration
          OcelotGateway.Host explain [FOLDER] [--environment ENV] [--json] [--client-ip IP] METHOD URL [-H 'Name: value'...]
              say which route of the route files would take a request and why the others would not, the downstream
              request and the policies on the way (offline; the running gateway answers POST {Administration:Path}/explain);
              exit code 0 forwarded, 1 answered by the gateway itself, 2 bad arguments or invalid configuration
          OcelotGateway.Host token --scope SCOPE [--scope SCOPE...] [--sub SUBJECT] [--scheme NAME] [--minutes N]
              print a bearer token of a sample scheme (Development only)
          OcelotGateway.Host --help
              this text

        main settings (command line --Key=value, environment variable Key__Sub=value, or appsettings.json):
          --Urls=http://0.0.0.0:8080                   where to listen (appsettings.json: http://127.0.0.1:5000)
          --Gateway:ConfigFolder=DIR                   the route files (default: ocelot, looked up from the host's folder)
          ASPNETCORE_ENVIRONMENT=Production            picks ocelot.{Environment}.json and appsettings.{Environment}.json
          --Gateway:ReloadOnChange=false               do not re-read the route folder when a file changes
          --Gateway:ConfigurationSource=Consul         read the configuration from Consul KV and follow it there
          --Gateway:Redis:Configuration=HOST:PORT      share the response cache and rate-limit counters through Redis
          Gateway__Administration__ApiKey=SECRET       turn on the administration API (16 characters or more)
          --Gateway:Tracing:OtlpEndpoint=URL           export traces over OTLP
          --Kestrel:Limits:MaxRequestBodySize=BYTES    largest request body (default 30 MB)

        documentation: docs/configuration.md (every route key and Gateway:* setting), docs/operations.md, docs/console.md
        """;

    public static bool IsRequested(string[] args) =>
        args.Length > 0 && args[0] is "--help" or "-h" or "-?" or "/?" or "help";

    /// <summary>True when a sub-command's arguments ask for its usage.</summary>
    internal static bool AsksForHelp(string[] args) => args.Skip(1).Any(a => a is "--help" or "-h" or "-?");
}
