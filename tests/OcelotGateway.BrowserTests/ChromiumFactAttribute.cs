namespace OcelotGateway.BrowserTests;

/// <summary>A test that needs a Chromium: reported as skipped, with the reason, on a machine without one.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Executable is null)
        {
            Skip = Chromium.SkipReason;
        }
    }
}
