using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OcelotGateway.Hosting;

/// <summary>
/// <c>token --scope SCOPE [--sub SUBJECT] [--scheme NAME] [--minutes N]</c>: prints a JWT signed with the symmetric key of a
/// scheme declared under <c>Authentication:Schemes</c> (default <c>Samples</c>), so the protected sample routes can be tried
/// with curl. Development only: a key kept in appsettings is a sample key, and production tokens come from an identity provider.
/// Exit code 0 with the token on standard output, 1 when it cannot mint one, 2 on bad arguments.
/// </summary>
public static class TokenCommand
{
    public const string Name = "token";
    public const string DefaultScheme = "Samples";

    private const string Usage = "usage: token --scope SCOPE [--scope SCOPE...] [--sub SUBJECT] [--scheme NAME] [--minutes N]";

    public static bool IsRequested(string[] args) => args.Length > 0 && string.Equals(args[0], Name, StringComparison.OrdinalIgnoreCase);

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production";
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        return RunAsync(args, environment, configuration, output, error);
    }

    public static async Task<int> RunAsync(string[] args, string environment, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        if (HelpCommand.AsksForHelp(args))
        {
            await output.WriteLineAsync(Usage);
            return 0;
        }

        var scopes = new List<string>();
        var subject = "alice";
        var scheme = DefaultScheme;
        var minutes = 60;
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--scope" when value is not null:
                    scopes.Add(value);
                    break;
                case "--sub" when value is not null:
                    subject = value;
                    break;
                case "--scheme" when value is not null:
                    scheme = value;
                    break;
                case "--minutes" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed is > 0 and <= 1440:
                    minutes = parsed;
                    break;
                default:
                    await error.WriteLineAsync(Usage);
                    return 2;
            }

            i++;
        }

        if (scopes.Count == 0)
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        if (!string.Equals(environment, "Development", StringComparison.OrdinalIgnoreCase))
        {
            await error.WriteLineAsync($"token mints sample tokens in the Development environment only (the environment is {environment}).");
            return 1;
        }

        var section = configuration.GetSection("Authentication:Schemes:" + scheme);
        var issuer = section["ValidIssuer"];
        var audience = section["ValidAudiences:0"] ?? section["ValidAudience"];
        var key = section["SigningKeys:0:Value"];
        if (issuer is null || audience is null || key is null)
        {
            await error.WriteLineAsync(
                $"Authentication:Schemes:{scheme} needs ValidIssuer, ValidAudiences and SigningKeys (a symmetric key) to mint a token.");
            return 1;
        }

        var now = DateTime.UtcNow;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("scope", string.Join(' ', scopes))]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(minutes),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(key)), SecurityAlgorithms.HmacSha256),
        });
        await output.WriteLineAsync(token);
        return 0;
    }
}
