using OcelotGateway.Configuration.Loading;
using Yarp.ReverseProxy.Configuration;

namespace OcelotGateway.Configuration.Compilation;

/// <summary>
/// Compiles a validated configuration exactly as a swap would, but with breakers and retry budgets of its own so nothing of the
/// running gateway changes, then puts the YARP routes and clusters it yields through YARP's own validator. Whatever fails is
/// returned as a problem: validation should already have caught it, and this is the net that keeps any gap from reaching a
/// running gateway, a route folder or a Consul key.
/// </summary>
public sealed class CompilationDryRun
{
    /// <summary>The key of a problem that the compiler, not a validation rule, found.</summary>
    public const string CompileKey = "(compile)";

    private readonly ConfigurationCompiler _compiler;
    private readonly IConfigValidator _proxyValidator;
    private readonly TimeProvider _time;

    /// <param name="compiler">The gateway's compiler; the dry run compiles with a <see cref="ConfigurationCompiler.Detached"/> copy of it.</param>
    public CompilationDryRun(ConfigurationCompiler compiler, IConfigValidator proxyValidator, TimeProvider time)
    {
        _compiler = compiler;
        _proxyValidator = proxyValidator;
        _time = time;
    }

    /// <summary>Every problem compiling <paramref name="loaded"/> would meet; empty when a swap can go ahead. Never throws.</summary>
    public async Task<IReadOnlyList<ConfigurationProblem>> RunAsync(LoadedConfiguration loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var problems = new List<ConfigurationProblem>();
        try
        {
            var compiled = _compiler.Detached(_time).Compile(loaded, generation: 0);
            for (var i = 0; i < compiled.ProxyRoutes.Count; i++)
            {
                foreach (var error in await _proxyValidator.ValidateRouteAsync(compiled.ProxyRoutes[i]))
                {
                    problems.Add(ForRoute(loaded, compiled.Routes[i], "cannot be served: " + error.Message));
                }
            }

            foreach (var cluster in compiled.ProxyClusters)
            {
                var errors = await _proxyValidator.ValidateClusterAsync(cluster);
                if (errors.Count > 0 && compiled.Routes.FirstOrDefault(r => r.ClusterId == cluster.ClusterId) is { } route)
                {
                    problems.AddRange(errors.Select(e => ForRoute(loaded, route, "its downstream cannot be reached: " + e.Message)));
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            problems.Add(Failure(loaded, ex));
        }

        return problems;
    }

    /// <summary>An exception met while compiling or swapping in <paramref name="loaded"/>, as a problem; the stack stays out.</summary>
    public static ConfigurationProblem Failure(LoadedConfiguration loaded, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(exception);
        return new ConfigurationProblem(
            ProblemSeverity.Error,
            loaded.SourceDescription,
            null,
            CompileKey,
            "the configuration passed validation but could not be compiled (" + exception.GetType().Name + ": " + exception.Message
            + "); nothing was applied");
    }

    private static ConfigurationProblem ForRoute(LoadedConfiguration loaded, CompiledRoute route, string message)
    {
        var section = EffectiveSections.Routes(loaded.Configuration).Section;
        var origin = route.Index < loaded.RouteOrigins.Count ? loaded.RouteOrigins[route.Index] : new ConfigurationOrigin(loaded.SourceDescription, route.Index);
        return new ConfigurationProblem(
            ProblemSeverity.Error, origin.File, ProblemLocations.Item(section, origin.IndexInFile, route.UpstreamPath.Template), CompileKey, message);
    }
}
