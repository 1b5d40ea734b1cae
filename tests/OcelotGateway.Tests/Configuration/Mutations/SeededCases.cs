using CsCheck;

namespace OcelotGateway.Tests.Configuration.Mutations;

/// <summary>
/// Runs a property over a fixed sequence of generated cases drawn from one seed, so every run checks the same cases (CsCheck's
/// own <c>Sample</c> fixes only its first case). A failure names the case's own seed: set <c>CsCheck_Seed</c> to it to run that
/// case alone. <c>CsCheck_Iter</c> overrides the number of cases, e.g. for a longer run on a workstation.
/// </summary>
internal static class SeededCases
{
    public static async Task RunAsync<T>(Gen<T> gen, ulong seed, int count, Func<T, Task> property, Func<T, string> describe)
    {
        if (Environment.GetEnvironmentVariable("CsCheck_Seed") is { Length: > 0 } replay)
        {
            var single = PCG.Parse(replay);
            await CheckAsync(gen.Generate(single, null, out _), 0, replay, property, describe);
            return;
        }

        if (int.TryParse(Environment.GetEnvironmentVariable("CsCheck_Iter"), out var iterations) && iterations > 0)
        {
            count = iterations;
        }

        var pcg = new PCG(1, seed);
        for (var i = 0; i < count; i++)
        {
            var state = pcg.State;
            var value = gen.Generate(pcg, null, out _);
            await CheckAsync(value, i, pcg.ToString(state), property, describe);
        }
    }

    public static Task RunAsync<T>(Gen<T> gen, ulong seed, int count, Action<T> property, Func<T, string> describe) =>
        RunAsync(gen, seed, count, value =>
        {
            property(value);
            return Task.CompletedTask;
        }, describe);

    private static async Task CheckAsync<T>(T value, int index, string caseSeed, Func<T, Task> property, Func<T, string> describe)
    {
        try
        {
            await property(value);
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException(
                $"case {index} failed; run it alone with CsCheck_Seed={caseSeed}\n{describe(value)}\n{ex.GetType().Name}: {ex.Message}", ex);
        }
    }
}
