using CsCheck;
using Microsoft.Extensions.Time.Testing;
using OcelotGateway.Administration.Console;
using OcelotGateway.Configuration;
using OcelotGateway.Configuration.Reload;

namespace OcelotGateway.Tests.Administration;

/// <summary>The console's reload history: newest first, bounded in entries and in problems per entry, whatever happens.</summary>
public sealed class ReloadHistoryTests
{
    private const string Seed = "0dQp4nLw8sXy";

    [Fact]
    public void Rejections_AreRecordedNewestFirst_BoundedInCountAndProblems()
    {
        Gen.Select(Gen.Int[0, 200], Gen.Int[0, 120].Array[1, 120]).Sample((start, problemCounts) =>
        {
            var state = new GatewayConfigurationState();
            var time = new FakeTimeProvider();
            using var history = new ReloadHistory(state, time);
            for (var i = 0; i < problemCounts.Length; i++)
            {
                time.Advance(TimeSpan.FromSeconds(1));
                state.Reject(
                    [.. Enumerable.Range(0, problemCounts[i]).Select(p => new ConfigurationProblem(ProblemSeverity.Error, "ocelot.json", null, "Key" + p, "bad " + start))],
                    time.GetUtcNow());
            }

            var records = history.Records;
            Assert.Equal(Math.Min(problemCounts.Length, ReloadHistory.Capacity), records.Count);
            Assert.All(records, r => Assert.Equal(ReloadRecord.RejectedOutcome, r.Outcome));
            Assert.All(records, r => Assert.True(r.Problems.Count <= ReloadHistory.MaxProblemsPerEntry));
            Assert.Equal(problemCounts[^1], records[0].ProblemCount);
            Assert.Equal(records.Select(r => r.At).OrderByDescending(a => a), records.Select(r => r.At));
        }, seed: Seed, iter: 300);
    }
}
