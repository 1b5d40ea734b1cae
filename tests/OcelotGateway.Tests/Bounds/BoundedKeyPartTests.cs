using CsCheck;
using OcelotGateway.Bounds;

namespace OcelotGateway.Tests.Bounds;

public sealed class BoundedKeyPartTests
{
    [Fact]
    public void Of_AnyValue_IsAtMostSeventyOneCharacters_KeepsShortValues_AndKeepsDistinctValuesDistinct()
    {
        Gen.Select(Gen.String[0, 300], Gen.String[0, 300]).Sample(
            (first, second) =>
            {
                var a = BoundedKeyPart.Of(first);
                var b = BoundedKeyPart.Of(second);
                return a.Length <= 71
                    && (first.Length > BoundedKeyPart.MaxLength || a == first)
                    && (first == second) == (a == b);
            },
            iter: 5_000);
    }

    [Fact]
    public void Of_SixteenKilobytes_IsItsHash()
    {
        var value = new string('x', 16 * 1024);

        Assert.Equal("sha256:", BoundedKeyPart.Of(value)[..7]);
        Assert.Equal(71, BoundedKeyPart.Of(value).Length);
    }
}
