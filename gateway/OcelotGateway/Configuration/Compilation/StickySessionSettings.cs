namespace OcelotGateway.Configuration.Compilation;

/// <summary>Ocelot's <c>CookieStickySessions</c>: the cookie whose value pins a client to one downstream instance.</summary>
public sealed record StickySessionSettings(string CookieName, TimeSpan Expiry)
{
    public const string DefaultCookieName = ".AspNetCore.Session";

    public static readonly TimeSpan DefaultExpiry = TimeSpan.FromMilliseconds(1_200_000);
}
