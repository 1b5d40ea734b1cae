namespace OcelotGateway.Administration.Console;

/// <summary>
/// The read-only operator console at <c>{Administration:Path}/ui</c> (section <c>Gateway:Administration:Console</c>). It exists
/// only while the administration API is on, and its data come from the API with the same credentials.
/// </summary>
public sealed class ConsoleOptions
{
    public const string SectionName = AdministrationOptions.SectionName + ":Console";

    /// <summary>Serve the console's page (default true). Off, <c>{path}/ui</c> answers 404 like any unknown administration path.</summary>
    public bool Enabled { get; set; } = true;
}
