using CsCheck;

namespace OcelotGateway.Testing;

/// <summary>
/// Runs a property over a seeded list of generated cases: the same cases on every run unless <c>CsCheck_Seed</c> names another
/// seed (CsCheck's own sampling draws a fresh seed after the first iteration). A failing case is named in the failure, with
/// the seed that reproduces the run.
/// </summary>
internal static class GeneratedCases
{
    public const string DefaultSeed = "0000000000A1";

    public static void Check<T>(Gen<T> gen, int count, Action<T> property, string seed = DefaultSeed) =>
        gen.Array[count].Sample(
            cases =>
            {
                foreach (var item in cases)
                {
                    Run(item, () => property(item));
                }
            },
            seed: CsCheck.Check.Seed ?? seed,
            iter: 1,
            threads: 1,
            print: cases => cases.Length + " cases");

    public static Task CheckAsync<T>(Gen<T> gen, int count, Func<T, Task> property, string seed = DefaultSeed) =>
        gen.Array[count].SampleAsync(
            async cases =>
            {
                foreach (var item in cases)
                {
                    try
                    {
                        await property(item);
                    }
                    catch (Exception ex) when (ex is not CaseFailedException)
                    {
                        throw new CaseFailedException(item, ex);
                    }
                }
            },
            seed: CsCheck.Check.Seed ?? seed,
            iter: 1,
            threads: 1,
            print: cases => cases.Length + " cases");

    private static void Run<T>(T item, Action property)
    {
        try
        {
            property();
        }
        catch (Exception ex) when (ex is not CaseFailedException)
        {
            throw new CaseFailedException(item, ex);
        }
    }

    private sealed class CaseFailedException(object? item, Exception inner)
        : Exception("Failing case: " + CsCheck.Check.Print(item) + Environment.NewLine + inner.Message, inner);
}
