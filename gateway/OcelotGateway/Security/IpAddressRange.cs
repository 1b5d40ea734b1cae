using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OcelotGateway.Security;

/// <summary>
/// One <c>SecurityOptions</c> entry: a single address, a range <c>a.b.c.d-a.b.c.e</c>, a short range <c>a.b.c.d-250</c>
/// (last octet), <c>ip/prefix</c> (v4 or v6) or <c>ip/mask</c>. Ocelot expands ranges into every address at load time; this
/// keeps the two ends and compares, so a <c>/8</c> or an IPv6 prefix costs nothing.
/// </summary>
public sealed class IpAddressRange
{
    private readonly AddressFamily _family;
    private readonly UInt128 _first;
    private readonly UInt128 _last;

    private IpAddressRange(string text, AddressFamily family, UInt128 first, UInt128 last)
    {
        Text = text;
        _family = family;
        _first = first;
        _last = last;
    }

    /// <summary>The entry as written in the configuration.</summary>
    public string Text { get; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out IpAddressRange? range)
    {
        range = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            return TryParseNetwork(trimmed, trimmed[..slash].Trim(), trimmed[(slash + 1)..].Trim(), out range);
        }

        var dash = trimmed.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0)
        {
            return TryParseRange(trimmed, trimmed[..dash].Trim(), trimmed[(dash + 1)..].Trim(), out range);
        }

        if (!TryParseAddress(trimmed, out var family, out var value))
        {
            return false;
        }

        range = new IpAddressRange(trimmed, family, value, value);
        return true;
    }

    /// <summary>True when the address is inside the range; an IPv4-mapped IPv6 address (<c>::ffff:10.0.0.1</c>) matches IPv4 entries.</summary>
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var (family, value) = ToNumber(address);
        return family == _family && value >= _first && value <= _last;
    }

    public override string ToString() => Text;

    private static bool TryParseNetwork(string text, string addressText, string lengthText, out IpAddressRange? range)
    {
        range = null;
        if (!TryParseAddress(addressText, out var family, out var address))
        {
            return false;
        }

        var bits = family == AddressFamily.InterNetwork ? 32 : 128;
        int prefix;
        if (lengthText.Contains('.', StringComparison.Ordinal))
        {
            if (family != AddressFamily.InterNetwork || !TryParseAddress(lengthText, out var maskFamily, out var mask)
                || maskFamily != AddressFamily.InterNetwork || !TryMaskToPrefix((uint)mask, out prefix))
            {
                return false;
            }
        }
        else if (!int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > bits)
        {
            return false;
        }

        var hostBits = bits - prefix;
        var hostMask = hostBits == 0 ? UInt128.Zero : (hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1);
        range = new IpAddressRange(text, family, address & ~hostMask, address | hostMask);
        return true;
    }

    private static bool TryParseRange(string text, string firstText, string lastText, out IpAddressRange? range)
    {
        range = null;
        if (!TryParseAddress(firstText, out var family, out var first))
        {
            return false;
        }

        UInt128 last;
        if (family == AddressFamily.InterNetwork && byte.TryParse(lastText, NumberStyles.None, CultureInfo.InvariantCulture, out var lastOctet))
        {
            last = (first & ~(UInt128)0xFF) | lastOctet;
        }
        else if (!TryParseAddress(lastText, out var lastFamily, out last) || lastFamily != family)
        {
            return false;
        }

        if (last < first)
        {
            return false;
        }

        range = new IpAddressRange(text, family, first, last);
        return true;
    }

    /// <summary>
    /// Only the full forms: four dotted numbers for IPv4, or text with ':' for IPv6. <see cref="IPAddress.TryParse(string?, out IPAddress?)"/>
    /// alone would also take <c>10</c> or <c>10.1</c> as addresses, which in an allow list is surely a typo.
    /// </summary>
    private static bool TryParseAddress(string text, out AddressFamily family, out UInt128 value)
    {
        family = AddressFamily.Unknown;
        value = UInt128.Zero;
        var looksLikeV4 = text.Count(c => c == '.') == 3 && !text.Contains(':', StringComparison.Ordinal);
        if (!(looksLikeV4 || text.Contains(':', StringComparison.Ordinal)) || !IPAddress.TryParse(text, out var address))
        {
            return false;
        }

        (family, value) = ToNumber(address);
        return true;
    }

    private static (AddressFamily Family, UInt128 Value) ToNumber(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return address.AddressFamily == AddressFamily.InterNetwork
            ? (AddressFamily.InterNetwork, BinaryPrimitives.ReadUInt32BigEndian(bytes[..written]))
            : (AddressFamily.InterNetworkV6, BinaryPrimitives.ReadUInt128BigEndian(bytes[..written]));
    }

    private static bool TryMaskToPrefix(uint mask, out int prefix)
    {
        prefix = System.Numerics.BitOperations.PopCount(mask);

        // A mask is valid only when its set bits are contiguous from the top: 255.255.0.255 is not a network.
        var expected = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        return mask == expected;
    }
}
