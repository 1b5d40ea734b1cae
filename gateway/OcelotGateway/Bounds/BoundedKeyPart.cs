using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace OcelotGateway.Bounds;

/// <summary>
/// A request value used inside a key the gateway keeps (rate-limit client id, sticky-session cookie): kept as sent up to
/// <see cref="MaxLength"/> characters, else replaced by its SHA-256, so a client cannot make a key, a Redis key or a log line
/// as long as its headers. Distinct values stay distinct (the hash is over the UTF-16 text, so even malformed text is kept
/// apart); a hashed form cannot equal a value sent as is, being longer.
/// </summary>
public static class BoundedKeyPart
{
    public const int MaxLength = 64;

    private const string HashPrefix = "sha256:";

    public static string Of(string value) =>
        value.Length <= MaxLength ? value : HashPrefix + Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(value.AsSpan())));
}
