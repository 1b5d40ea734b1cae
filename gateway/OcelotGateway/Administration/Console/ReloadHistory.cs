using OcelotGateway.Configuration;
using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Configuration.Reload;

namespace OcelotGateway.Administration.Console;

/// <summary>
/// The last <see cref="Capacity"/> configuration loads, applied or rejected, with their problems (at most
/// <see cref="MaxProblemsPerEntry"/> each). Fed by the configuration state's events, so it costs nothing per request.
/// </summary>
internal sealed class ReloadHistory : IDisposable
{
    public const int Capacity = 50;
    public const int MaxProblemsPerEntry = 50;

    private readonly GatewayConfigurationState _state;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly LinkedList<ReloadRecord> _records = new();

    public ReloadHistory(GatewayConfigurationState state, TimeProvider time)
    {
        _state = state;
        _time = time;

        // Created before the host starts (see ConsoleEndpoints), so the start-up load is recorded too; a configuration already
        // serving is recorded without the moment it was applied.
        if (state.Current is { } current)
        {
            Add(Applied(current, at: null));
        }

        state.Applied += OnApplied;
        state.Rejected += OnRejected;
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<ReloadRecord> Records
    {
        get
        {
            lock (_lock)
            {
                return [.. _records];
            }
        }
    }

    public void Dispose()
    {
        _state.Applied -= OnApplied;
        _state.Rejected -= OnRejected;
    }

    private void OnApplied(CompiledConfiguration configuration) => Add(Applied(configuration, _time.GetUtcNow()));

    private void OnRejected(IReadOnlyList<ConfigurationProblem> problems) =>
        Add(new ReloadRecord(null, _time.GetUtcNow(), ReloadRecord.RejectedOutcome, null, null, Problems(problems), problems.Count));

    private static ReloadRecord Applied(CompiledConfiguration configuration, DateTimeOffset? at) =>
        new(configuration.Generation, at, ReloadRecord.AppliedOutcome, configuration.Source.SourceDescription,
            configuration.Routes.Count + configuration.Aggregates.Count, Problems(configuration.Warnings), configuration.Warnings.Count);

    private static ConsoleProblem[] Problems(IReadOnlyList<ConfigurationProblem> problems) =>
        [.. problems.OrderBy(p => p.IsError ? 0 : 1).Take(MaxProblemsPerEntry).Select(ConsoleProblem.From)];

    private void Add(ReloadRecord record)
    {
        lock (_lock)
        {
            _records.AddFirst(record);
            while (_records.Count > Capacity)
            {
                _records.RemoveLast();
            }
        }
    }
}

/// <summary>One configuration load: <c>applied</c> with its generation, or <c>rejected</c> with the errors that kept the old one serving.</summary>
internal sealed record ReloadRecord(
    long? Generation, DateTimeOffset? At, string Outcome, string? Source, int? Routes, IReadOnlyList<ConsoleProblem> Problems, int ProblemCount)
{
    public const string AppliedOutcome = "applied";
    public const string RejectedOutcome = "rejected";
}

/// <summary>A configuration problem as the console shows it.</summary>
internal sealed record ConsoleProblem(string Severity, string File, string? Location, string Key, string Message)
{
    public static ConsoleProblem From(ConfigurationProblem problem) =>
        new(problem.IsError ? "error" : "warning", problem.File, problem.Location, problem.Key, problem.Message);
}
