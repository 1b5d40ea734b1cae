using OcelotGateway.Configuration.File;
using OcelotGateway.Resilience;

namespace OcelotGateway.Tests.Resilience;

public sealed class QoSSettingsCompilerTests
{
    [Fact]
    public void Compile_NothingSet_IsOff() => Assert.Null(QoSSettingsCompiler.Compile(new FileQoSOptions()));

    [Fact]
    public void Compile_CountMode_IsEveryCallFailing()
    {
        var settings = QoSSettingsCompiler.Compile(new FileQoSOptions { MinimumThroughput = 2, BreakDuration = 1000 })!;

        Assert.True(settings.BreakerEnabled);
        Assert.Equal(2, settings.MinimumThroughput);
        Assert.Equal(1.0, settings.FailureRatio);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.BreakDuration);
        Assert.Null(settings.Timeout);
    }

    [Fact]
    public void Compile_OutOfRangeValues_TakeOcelotsSubstitutes()
    {
        var settings = QoSSettingsCompiler.Compile(new FileQoSOptions
        {
            MinimumThroughput = 1,
            BreakDuration = 500,
            FailureRatio = 1.5,
            SamplingDuration = 100,
            Timeout = 5,
        })!;

        Assert.Equal(100, settings.MinimumThroughput);
        Assert.Equal(TimeSpan.FromMilliseconds(5000), settings.BreakDuration);
        Assert.Equal(0.5, settings.FailureRatio);
        Assert.Equal(TimeSpan.FromMilliseconds(10_000), settings.SamplingDuration);
        Assert.Equal(TimeSpan.FromMilliseconds(30_000), settings.Timeout);
    }

    [Fact]
    public void Compile_LegacyNames_Win()
    {
        var settings = QoSSettingsCompiler.Compile(new FileQoSOptions
        {
            ExceptionsAllowedBeforeBreaking = 3,
            MinimumThroughput = 10,
            DurationOfBreak = 2000,
            BreakDuration = 9000,
            TimeoutValue = 700,
            Timeout = 900,
        })!;

        Assert.Equal(3, settings.MinimumThroughput);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.BreakDuration);
        Assert.Equal(TimeSpan.FromMilliseconds(700), settings.Timeout);
    }

    [Fact]
    public void Compile_TimeoutOnly_HasNoBreaker()
    {
        var settings = QoSSettingsCompiler.Compile(new FileQoSOptions { Timeout = 1000 })!;

        Assert.False(settings.BreakerEnabled);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.Timeout);
    }
}
