namespace OcelotGateway.Hosting;

/// <summary>
/// The arguments of the <c>validate</c> command: a route folder (and environment), or a Consul KV key. Null when they do
/// not parse, so that the command can print its usage.
/// </summary>
internal sealed record ValidateArguments(string? Folder, string Environment, Uri? Consul, string Key, string? Token)
{
    public const string Usage =
        "usage: validate [FOLDER] [--environment ENV]\n"
        + "       validate --consul URL [--key KEY] [--token TOKEN]   (token also from CONSUL_HTTP_TOKEN)";

    public static ValidateArguments? Parse(string[] args, string defaultEnvironment, string? defaultToken, string defaultKey)
    {
        string? folder = null;
        Uri? consul = null;
        string? key = null;
        var token = defaultToken;
        var environment = defaultEnvironment;
        for (var i = 1; i < args.Length; i++)
        {
            var hasValue = i + 1 < args.Length;
            switch (args[i])
            {
                case "--environment" or "-e" when hasValue:
                    environment = args[++i];
                    break;
                case "--consul" when hasValue:
                    if (!Uri.TryCreate(args[++i], UriKind.Absolute, out consul) || (consul.Scheme != Uri.UriSchemeHttp && consul.Scheme != Uri.UriSchemeHttps))
                    {
                        return null;
                    }

                    break;
                case "--key" when hasValue:
                    key = args[++i];
                    break;
                case "--token" when hasValue:
                    token = args[++i];
                    break;
                default:
                    if (folder is not null || args[i].StartsWith('-'))
                    {
                        return null;
                    }

                    folder = args[i];
                    break;
            }
        }

        // A folder and a Consul source together, or a key without Consul, mean the caller expects something else than we would check.
        if ((consul is not null && folder is not null) || (consul is null && key is not null) || key is { Length: 0 })
        {
            return null;
        }

        return new ValidateArguments(folder, environment, consul, key?.Trim('/') ?? defaultKey, string.IsNullOrWhiteSpace(token) ? null : token);
    }
}
