using System.Net;

namespace OcelotGateway.Hosting;

/// <summary>The arguments of the <c>explain</c> command; null when they do not parse, so the command prints its usage.</summary>
internal sealed record ExplainArguments(
    string? Folder, string Environment, string Method, string Url, IReadOnlyList<KeyValuePair<string, string>> Headers, IPAddress ClientAddress, bool Json)
{
    public const string Usage =
        "usage: explain [FOLDER] [--environment ENV] [--json] [--client-ip IP] METHOD URL [-H 'Name: value']...\n"
        + "  URL is absolute (http://host/path?query) or a path, sent to GlobalConfiguration.BaseUrl.\n"
        + "  exit code 0 when the request would be forwarded, 1 when the gateway answers it itself (no route, a refusal),\n"
        + "  2 on bad arguments, an unreadable folder or an invalid configuration.";

    public static ExplainArguments? Parse(string[] args, string defaultEnvironment)
    {
        var positional = new List<string>();
        var headers = new List<KeyValuePair<string, string>>();
        var environment = defaultEnvironment;
        var client = IPAddress.Loopback;
        var json = false;
        for (var i = 1; i < args.Length; i++)
        {
            var hasValue = i + 1 < args.Length;
            switch (args[i])
            {
                case "--environment" or "-e" when hasValue:
                    environment = args[++i];
                    break;
                case "--client-ip" when hasValue:
                    if (!IPAddress.TryParse(args[++i], out client))
                    {
                        return null;
                    }

                    break;
                case "-H" or "--header" when hasValue:
                    var header = args[++i];
                    var colon = header.IndexOf(':', StringComparison.Ordinal);
                    if (colon <= 0)
                    {
                        return null;
                    }

                    headers.Add(new(header[..colon].Trim(), header[(colon + 1)..].Trim()));
                    break;
                case "--json":
                    json = true;
                    break;
                default:
                    if (args[i].StartsWith('-') && args[i].Length > 1)
                    {
                        return null;
                    }

                    positional.Add(args[i]);
                    break;
            }
        }

        return positional.Count switch
        {
            2 => new ExplainArguments(null, environment, positional[0], positional[1], headers, client, json),
            3 => new ExplainArguments(positional[0], environment, positional[1], positional[2], headers, client, json),
            _ => null,
        };
    }
}
