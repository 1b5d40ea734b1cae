using System.Text;
using Microsoft.Extensions.Primitives;

namespace OcelotGateway.Caching;

/// <summary>
/// A compact binary form of <see cref="CachedResponse"/>, the same for both stores, so the in-process store's budget counts
/// real bytes and Redis holds one value per entry. The body is read back as a slice of the stored buffer, without a copy.
/// </summary>
public static class CachedResponseSerializer
{
    private const byte Version = 1;

    public static byte[] Serialize(CachedResponse response)
    {
        using var buffer = new MemoryStream(response.Body.Length + 256);
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            Write(writer, response);
        }

        return buffer.ToArray();
    }

    public static CachedResponse Deserialize(byte[] data)
    {
        using var reader = new BinaryReader(new MemoryStream(data, writable: false), Encoding.UTF8);
        return Read(reader, data);
    }

    internal static void Write(BinaryWriter writer, CachedResponse response)
    {
        writer.Write(Version);
        writer.Write(response.StatusCode);
        writer.Write(response.StoredAt.ToUnixTimeMilliseconds());
        WriteNullable(writer, response.ReasonPhrase);
        writer.Write(response.Headers.Count);
        foreach (var (name, values) in response.Headers)
        {
            writer.Write(name);
            writer.Write(values.Count);
            foreach (var value in values)
            {
                writer.Write(value ?? string.Empty);
            }
        }

        writer.Write(response.Body.Length);
        writer.Write(response.Body.Span);
    }

    /// <summary>Reads a response written by <see cref="Write"/>; <paramref name="data"/> is the reader's whole buffer.</summary>
    internal static CachedResponse Read(BinaryReader reader, byte[] data)
    {
        if (reader.ReadByte() != Version)
        {
            throw new InvalidDataException("Unknown cache entry format.");
        }

        var status = reader.ReadInt32();
        var storedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.ReadInt64());
        var reason = ReadNullable(reader);
        var headerCount = reader.ReadInt32();
        var headers = new KeyValuePair<string, StringValues>[headerCount];
        for (var i = 0; i < headerCount; i++)
        {
            var name = reader.ReadString();
            var values = new string[reader.ReadInt32()];
            for (var v = 0; v < values.Length; v++)
            {
                values[v] = reader.ReadString();
            }

            headers[i] = new KeyValuePair<string, StringValues>(name, new StringValues(values));
        }

        var length = reader.ReadInt32();
        var start = (int)reader.BaseStream.Position;
        reader.BaseStream.Position += length;
        return new CachedResponse
        {
            StatusCode = status,
            ReasonPhrase = reason,
            Headers = headers,
            Body = data.AsMemory(start, length),
            StoredAt = storedAt,
        };
    }

    internal static void WriteNullable(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            writer.Write(value);
        }
    }

    internal static string? ReadNullable(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;
}
