using OcelotGateway.Configuration.File;

namespace OcelotGateway.Configuration.Validation;

/// <summary><c>DelegatingHandlers</c>: every name is a handler the host registered (Ocelot fails each request otherwise).</summary>
internal static class DelegatingHandlerRules
{
    public static void Check(IReadOnlyList<string> names, ValidationContext context, ProblemScope scope)
    {
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            var key = $"{nameof(FileRoute.DelegatingHandlers)}[{i}]";
            if (string.IsNullOrWhiteSpace(name))
            {
                scope.Error(key, "empty handler name");
            }
            else if (context.DelegatingHandlers is { } registered && !registered.Contains(name))
            {
                scope.Error(key, registered.Count == 0
                    ? $"no delegating handler named '{name}' is registered; register it with services.AddGatewayDelegatingHandler<{name}>()"
                    : $"no delegating handler named '{name}' is registered; registered: {string.Join(", ", registered.Order(StringComparer.Ordinal))}");
            }
        }
    }
}
