using System.Text;

namespace OcelotGateway.Caching.AsyncReplies;

/// <summary>
/// What the store holds under a request key: its owner and, once the background call finished, the complete response.
/// Stored in the same store as cached responses (in-process or Redis), so any instance can answer a poll.
/// </summary>
internal sealed class AsyncReplyRecord
{
    private const byte Version = 1;

    public required AsyncReplyOwner Owner { get; init; }

    public required int RetryAfterSeconds { get; init; }

    /// <summary>Null while the downstream call is under way.</summary>
    public CachedResponse? Response { get; init; }

    public byte[] Serialize()
    {
        using var buffer = new MemoryStream(256 + (Response?.Body.Length ?? 0));
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write(Owner.Id);
            CachedResponseSerializer.WriteNullable(writer, Owner.ClientIdHeader);
            writer.Write(Owner.Schemes.Count);
            foreach (var scheme in Owner.Schemes)
            {
                writer.Write(scheme);
            }

            writer.Write(RetryAfterSeconds);
            writer.Write(Response is not null);
            if (Response is not null)
            {
                CachedResponseSerializer.Write(writer, Response);
            }
        }

        return buffer.ToArray();
    }

    public static AsyncReplyRecord Deserialize(byte[] data)
    {
        using var reader = new BinaryReader(new MemoryStream(data, writable: false), Encoding.UTF8);
        if (reader.ReadByte() != Version)
        {
            throw new InvalidDataException("Unknown asynchronous reply format.");
        }

        var id = reader.ReadString();
        var header = CachedResponseSerializer.ReadNullable(reader);
        var schemes = new string[reader.ReadInt32()];
        for (var i = 0; i < schemes.Length; i++)
        {
            schemes[i] = reader.ReadString();
        }

        var retryAfter = reader.ReadInt32();
        return new AsyncReplyRecord
        {
            Owner = new AsyncReplyOwner(id, schemes, header),
            RetryAfterSeconds = retryAfter,
            Response = reader.ReadBoolean() ? CachedResponseSerializer.Read(reader, data) : null,
        };
    }
}
