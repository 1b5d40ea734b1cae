using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace OcelotGateway.Aggregation;

/// <summary>
/// Ocelot's default aggregator: 200 <c>application/json</c>, one member per route key in <c>RouteKeys</c> order holding that
/// route's body verbatim (several calls of a <c>RouteKeysConfig</c> key make an array, empty bodies skipped; none omits the
/// key), no downstream headers. A part the gateway refused fails the whole aggregate with that part's status.
/// With our <c>RouteKeysOptional</c> the parts are checked instead (<see cref="WriteCheckedAsync"/>).
/// </summary>
internal static class DefaultJsonAggregator
{
    public const string ContentType = "application/json";

    private const string ErrorsMember = "errors";

    public static Task WriteAsync(HttpContext context, CompiledAggregate aggregate, IReadOnlyList<AggregatePartResponse> parts)
    {
        if (aggregate.ChecksParts)
        {
            return WriteCheckedAsync(context, aggregate, parts);
        }

        if (parts.FirstOrDefault(p => p.GatewayError is not null) is { } refused)
        {
            return AggregateResponseWriter.FailAsync(context, refused, refused.StatusCode);
        }

        var body = new ArrayBufferWriter<byte>();
        body.Write("{"u8);
        var first = true;
        foreach (var key in aggregate.RouteKeys.Distinct(StringComparer.Ordinal))
        {
            var calls = parts.Where(p => p.RouteKey == key).ToList();
            if (calls.Count == 0)
            {
                continue;
            }

            WriteName(body, key, ref first);
            if (calls.Count == 1)
            {
                // Verbatim, even when empty: Ocelot then emits "key": with no value, and clients may rely on the exact bytes.
                body.Write(calls[0].Body.Span);
                continue;
            }

            body.Write("["u8);
            var firstItem = true;
            foreach (var call in calls.Where(c => !c.Body.IsEmpty))
            {
                if (!firstItem)
                {
                    body.Write(","u8);
                }

                firstItem = false;
                body.Write(call.Body.Span);
            }

            body.Write("]"u8);
        }

        body.Write("}"u8);
        return AggregateResponseWriter.WriteAsync(context, StatusCodes.Status200OK, ContentType, body.WrittenMemory);
    }

    /// <summary>
    /// Our checked mode: a part fails when the gateway refused it or its service answered outside 2xx. The first failed
    /// required key fails the aggregate (gateway refusals keep their status, a service's 5xx becomes 502, its 4xx is passed
    /// on); a failed optional key becomes <c>null</c> and an entry of the <c>errors</c> member. Bodies that are not JSON are
    /// embedded as JSON strings and empty ones as <c>null</c>, so the answer is always valid JSON.
    /// </summary>
    private static Task WriteCheckedAsync(HttpContext context, CompiledAggregate aggregate, IReadOnlyList<AggregatePartResponse> parts)
    {
        var body = new ArrayBufferWriter<byte>();
        var errors = new List<AggregatePartResponse>();
        body.Write("{"u8);
        var first = true;
        foreach (var key in aggregate.RouteKeys.Distinct(StringComparer.Ordinal))
        {
            var calls = parts.Where(p => p.RouteKey == key).ToList();
            if (calls.FirstOrDefault(Failed) is { } failed)
            {
                if (!aggregate.OptionalKeys.Contains(key))
                {
                    return AggregateResponseWriter.FailAsync(context, failed, FailureStatus(failed));
                }

                errors.Add(failed);
                WriteName(body, key, ref first);
                body.Write("null"u8);
                continue;
            }

            if (calls.Count == 0)
            {
                continue;
            }

            WriteName(body, key, ref first);
            if (calls.Count == 1)
            {
                WriteValue(body, calls[0]);
                continue;
            }

            body.Write("["u8);
            for (var i = 0; i < calls.Count; i++)
            {
                if (i > 0)
                {
                    body.Write(","u8);
                }

                WriteValue(body, calls[i]);
            }

            body.Write("]"u8);
        }

        WriteErrors(body, errors, first);
        body.Write("}"u8);
        return AggregateResponseWriter.WriteAsync(context, StatusCodes.Status200OK, ContentType, body.WrittenMemory);
    }

    private static bool Failed(AggregatePartResponse part) => part.GatewayError is not null || !part.IsSuccessStatusCode;

    private static int FailureStatus(AggregatePartResponse part) =>
        part.GatewayError is not null ? part.StatusCode
        : part.StatusCode is >= 400 and < 500 ? part.StatusCode
        : StatusCodes.Status502BadGateway;

    private static void WriteName(ArrayBufferWriter<byte> body, string key, ref bool first)
    {
        if (!first)
        {
            body.Write(","u8);
        }

        first = false;
        body.Write(Quoted(key));
        body.Write(":"u8);
    }

    private static void WriteValue(ArrayBufferWriter<byte> body, AggregatePartResponse part)
    {
        if (part.Body.IsEmpty)
        {
            body.Write("null"u8);
        }
        else if (IsJson(part.Body.Span))
        {
            body.Write(part.Body.Span);
        }
        else
        {
            using var writer = new Utf8JsonWriter(body);
            writer.WriteStringValue(part.ReadBodyAsString());
        }
    }

    private static void WriteErrors(ArrayBufferWriter<byte> body, List<AggregatePartResponse> errors, bool first)
    {
        if (!first)
        {
            body.Write(","u8);
        }

        body.Write(Quoted(ErrorsMember));
        body.Write(":"u8);
        using var writer = new Utf8JsonWriter(body);
        writer.WriteStartArray();
        foreach (var error in errors)
        {
            writer.WriteStartObject();
            writer.WriteString("key", error.RouteKey);
            writer.WriteNumber("status", error.StatusCode);
            writer.WriteString("title", error.GatewayError ?? ReasonPhrases.GetReasonPhrase(error.StatusCode));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static byte[] Quoted(string name)
    {
        var encoded = JsonEncodedText.Encode(name).EncodedUtf8Bytes;
        var quoted = new byte[encoded.Length + 2];
        quoted[0] = (byte)'"';
        encoded.CopyTo(quoted.AsSpan(1));
        quoted[^1] = (byte)'"';
        return quoted;
    }

    private static bool IsJson(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            return reader.Read() && reader.TrySkip() && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
