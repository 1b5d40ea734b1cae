namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>
/// A test against a real Consul agent (<see cref="ConsulAgent"/>). When no <c>consul</c> binary can be found the test is
/// reported as skipped with the reason, never as passed.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RealConsulFactAttribute : FactAttribute
{
    public RealConsulFactAttribute()
    {
        if (ConsulBinary.Path is null)
        {
            Skip = ConsulBinary.MissingReason;
        }
    }
}
