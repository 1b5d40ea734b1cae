using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace OcelotGateway.Caching;

/// <summary>
/// Builds a cache key as a SHA-256 over its parts (Ocelot joins its parts with '-' and takes an MD5). Every part is prefixed by
/// its length, absent parts by -1, so parts cannot run into each other ("a-b" + "c" vs "a" + "b-c") and an absent value never
/// equals an empty one. Callers add the same parts in the same order for every request of a route.
/// </summary>
public sealed class CacheKey : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public CacheKey Add(string? part)
    {
        if (part is null)
        {
            AppendLength(-1);
            return this;
        }

        var bytes = Encoding.UTF8.GetBytes(part);
        AppendLength(bytes.Length);
        _hash.AppendData(bytes);
        return this;
    }

    /// <summary>Every value of a header, in order: <c>a, b</c> sent as one line and as two lines are different requests.</summary>
    public CacheKey Add(StringValues values)
    {
        AppendLength(values.Count);
        foreach (var value in values)
        {
            Add(value);
        }

        return this;
    }

    public CacheKey AddBytes(ReadOnlySpan<byte> bytes)
    {
        AppendLength(bytes.Length);
        _hash.AppendData(bytes);
        return this;
    }

    /// <summary>The key: 64 lower-case hex characters.</summary>
    public string Finish()
    {
        Span<byte> digest = stackalloc byte[32];
        _hash.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest);
    }

    public void Dispose() => _hash.Dispose();

    private void AppendLength(int length)
    {
        Span<byte> prefix = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(prefix, length);
        _hash.AppendData(prefix);
    }
}
