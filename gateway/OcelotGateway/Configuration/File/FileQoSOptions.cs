namespace OcelotGateway.Configuration.File;

/// <summary>Ocelot's QoS options; every time is in milliseconds. Legacy names win when set, as in Ocelot v25.</summary>
public sealed class FileQoSOptions
{
    public int? MinimumThroughput { get; set; }
    public int? ExceptionsAllowedBeforeBreaking { get; set; }
    public int? BreakDuration { get; set; }
    public int? DurationOfBreak { get; set; }
    public double? FailureRatio { get; set; }
    public int? SamplingDuration { get; set; }
    public int? Timeout { get; set; }
    public int? TimeoutValue { get; set; }
    public List<string>? RouteKeys { get; set; }
}
