using System.Text;

namespace OcelotGateway.Caching;

/// <summary>
/// The stored form of a <see cref="CacheEntry"/>: its own format byte, the varied header values, then the response as
/// <see cref="CachedResponseSerializer"/> writes it. Entries of older formats read as unreadable, so they are misses.
/// </summary>
internal static class CacheEntrySerializer
{
    private const byte Format = 2;

    public static byte[] Serialize(CacheEntry entry)
    {
        using var buffer = new MemoryStream(entry.Response.Body.Length + 256);
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Format);
            writer.Write(entry.Varied.Count);
            foreach (var (name, value) in entry.Varied)
            {
                writer.Write(name);
                writer.Write(value);
            }

            CachedResponseSerializer.Write(writer, entry.Response);
        }

        return buffer.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are not an entry of this format.</exception>
    public static CacheEntry Deserialize(byte[] data)
    {
        using var reader = new BinaryReader(new MemoryStream(data, writable: false), Encoding.UTF8);
        if (reader.ReadByte() != Format)
        {
            throw new InvalidDataException("Unknown cache entry format.");
        }

        var count = reader.ReadInt32();
        if (count < 0 || count > data.Length)
        {
            throw new InvalidDataException("Corrupt cache entry.");
        }

        var varied = new KeyValuePair<string, string>[count];
        for (var i = 0; i < count; i++)
        {
            varied[i] = new KeyValuePair<string, string>(reader.ReadString(), reader.ReadString());
        }

        return new CacheEntry { Varied = varied, Response = CachedResponseSerializer.Read(reader, data) };
    }
}
