using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using OcelotGateway.Caching;
using OcelotGateway.Caching.AsyncReplies;
using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Configuration.Reload;
using OcelotGateway.Observability;
using OcelotGateway.Observability.Logging;
using OcelotGateway.Observability.Tracing;
using OcelotGateway.RateLimiting;
using OcelotGateway.Resilience;
using OcelotGateway.Routing;
using OcelotGateway.Routing.Forwarding;
using OcelotGateway.Security;
using OcelotGateway.Pipeline;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;
using Yarp.ReverseProxy.Transforms;

namespace OcelotGateway.Benchmarks.Allocations;

/// <summary>
/// CPU time of each piece of the gateway's per-request work, called on its own on one thread against the running gateway's
/// services (the same singletons, loggers and metric series a request uses), on a request shaped like the benchmark's (wrk's
/// headers, a propagation-only <see cref="Activity"/> as the hosting layer starts one). Each figure is the thread's CPU time
/// (<c>CLOCK_THREAD_CPUTIME_ID</c>) over many calls, the median of several rounds. In a loop the caches are warm, so these
/// are lower bounds of what the same work costs inside a real request; their sum is compared with the end-to-end figure.
/// </summary>
internal static class StepCosts
{
    private static readonly RequestDelegate Done = static _ => Task.CompletedTask;
    private static readonly CancellationTokenSource ClientAborted = new();

    /// <param name="only">Times only the pieces whose description holds this text (for a profiler attached to the probe).</param>
    public static void Run(WebApplication gateway, int iterations, int rounds, string? only)
    {
        var services = gateway.Services;
        var configuration = services.GetRequiredService<GatewayConfigurationState>().Current
            ?? throw new InvalidOperationException("the gateway has no configuration");
        var simple = configuration.Routes.Single(r => r.Key == "simple");
        var limited = configuration.Routes.Single(r => r.Key == "limited");
        var metrics = services.GetRequiredService<GatewayMetrics>();
        var endpoint = ((IEndpointRouteBuilder)gateway).DataSources.SelectMany(d => d.Endpoints)
            .Single(e => ReferenceEquals(e.Metadata.GetMetadata<CompiledRoute>(), simple));

        // The hosting layer's activity for the request: propagation only, as when no tracer samples it.
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Steps.Probe",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
        };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource("Steps.Probe");
        using var requestActivity = source.StartActivity("request", ActivityKind.Server);

        Console.WriteLine($"\nCPU time per call, one thread, {iterations:N0} calls per round, median of {rounds} rounds (ns):");
        void Row(string piece, Action body)
        {
            if (only is null || piece.Contains(only, StringComparison.OrdinalIgnoreCase))
            {
                Console.WriteLine($"  {Median(body, iterations, rounds),8:N0}  {piece}");
            }
        }

        var context = NewContext(services, simple, "/api/json");
        var feature = context.Features.Get<GatewayRouteFeature>()!;
        Row("loop and call of a completed next (subtracted from nothing)", () => Done(context).GetAwaiter().GetResult());

        var observation = Step<RequestObservationStep>(services);
        Row("RequestObservationStep: route deadline, scope, counter, histograms, log checks", () =>
        {
            feature.DownstreamAttemptStarted = Stopwatch.GetTimestamp();
            observation(context).GetAwaiter().GetResult();
        });
        var logger = services.GetRequiredService<ILogger<RequestObservationStep>>();
        Row("  of which: request log scope opened and closed", () =>
        {
            using var scope = logger.BeginScope(new RequestLogScope(context, feature));
        });
        Row("  of which: route deadline (the route's Timeout, 90 s unless set) armed, linked to the client, disposed", () =>
        {
            using var deadline = new RouteDeadline(simple.Timeout, TimeProvider.System, context.RequestAborted);
        });
        Row("  of which: request counter and duration histogram", () => metrics.RequestCompleted(simple, "GET", 200, 0.0012));
        Row("  of which: downstream duration histogram", () =>
        {
            feature.DownstreamAttemptStarted = Stopwatch.GetTimestamp();
            DownstreamObservationStep.Complete(context, feature, metrics);
        });
        Row("  of which: logger level checks (Critical, Information)", () =>
        {
            _ = logger.IsEnabled(LogLevel.Critical);
            _ = logger.IsEnabled(LogLevel.Information);
        });
        using (var recorded = new Activity("recorded").SetIdFormat(ActivityIdFormat.W3C))
        {
            recorded.ActivityTraceFlags = ActivityTraceFlags.Recorded;
            recorded.Start();
            Row("  (a sampled trace: counter and histogram with exemplars)", () => metrics.RequestCompleted(simple, "GET", 200, 0.0012));
            recorded.Stop();
            Activity.Current = requestActivity;
        }

        var requestId = Step<RequestIdStep>(services);
        Row("RequestIdStep (route with RequestIdKey, id from the trace id)", () => requestId(context).GetAwaiter().GetResult());

        var policyOff = new (string Name, RequestDelegate Step)[]
        {
            ("IpFilterStep", Step<IpFilterStep>(services)),
            ("RateLimitingStep", Step<RateLimitingStep>(services)),
            ("AuthenticationStep", Step<AuthenticationStep>(services)),
            ("AuthorizationStep", Step<AuthorizationStep>(services)),
            ("RetryStep", Step<RetryStep>(services)),
            ("AsyncReplyStep", Step<AsyncReplyStep>(services)),
            ("ResponseCacheStep", Step<ResponseCacheStep>(services)),
            ("QoSStep", Step<QoSStep>(services)),
            ("DownstreamObservationStep (notes the start)", Step<DownstreamObservationStep>(services)),
        };
        Row("policy-off steps, all nine in a row", () =>
        {
            foreach (var (_, step) in policyOff)
            {
                step(context).GetAwaiter().GetResult();
            }
        });

        // The whole proxy pipeline as GatewayPipeline builds it, up to the forwarder, with YARP's state for the route as its
        // initializer would set it.
        var proxyState = services.GetRequiredService<IProxyStateLookup>();
        if (!proxyState.TryGetRoute(simple.RouteId, out var routeModel) || !proxyState.TryGetCluster(simple.ClusterId, out var cluster))
        {
            throw new InvalidOperationException("YARP does not know the simple route");
        }

        var proxyBuilder = new ProxyPipelineBuilder(new ApplicationBuilder(services));
        GatewayPipeline.Configure(proxyBuilder);
        proxyBuilder.Run(Done);
        var proxyPipeline = proxyBuilder.Build();
        var proxyFeature = new ProbeProxyFeature(routeModel, cluster);
        Row("proxy pipeline as configured (every step, load balancing), forwarder left out", () =>
        {
            proxyFeature.Reset();
            context.Features.Set<IReverseProxyFeature>(proxyFeature);
            proxyPipeline(context).GetAwaiter().GetResult();
        });

        var forwardable = Step<ForwardableRequestStep>(services);
        Row("ForwardableRequestStep: header check, downstream path built", () => forwardable(context).GetAwaiter().GetResult());

        var matcher = services.GetServices<MatcherPolicy>().OfType<OcelotRouteMatcherPolicy>().Single();
        Row("route matching policy: candidate set, templates, route feature", () =>
        {
            var candidates = new CandidateSet([endpoint], [new RouteValueDictionary()], [0]);
            matcher.ApplyAsync(context, candidates).GetAwaiter().GetResult();
        });
        context.Features.Set(feature);

        var proxyRequest = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/");
        var transformContext = new RequestTransformContext
        {
            HttpContext = context,
            ProxyRequest = proxyRequest,
            Path = context.Request.Path,
            DestinationPrefix = "http://127.0.0.1:5101/",
        };
        // A new message each time, as YARP makes one per request: injecting into the same one would pile up values.
        Row("trace context written (traceparent), new request message included", () =>
        {
            using var message = new HttpRequestMessage();
            DownstreamTracePropagation.Inject(message, context.Request.Headers);
        });
        Row("downstream request transform: URL, request id header", () => Completed(DownstreamRequestTransform.ApplyAsync(transformContext)));
        var proxyResponse = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { RequestMessage = proxyRequest };
        var responseContext = new ResponseTransformContext { HttpContext = context, ProxyResponse = proxyResponse };
        Row("upstream response transform: timeout off, request id header", () => Completed(UpstreamResponseTransform.ApplyAsync(responseContext)));

        // The application's own middleware, as MapOcelotGateway set it up, with the route already chosen (routing skips
        // matching) and an endpoint whose delegate stands in for the proxy pipeline, so nothing is forwarded.
        var hostPipeline = ((IApplicationBuilder)gateway).Build();
        context.SetEndpoint(new Endpoint(Done, endpoint.Metadata, endpoint.DisplayName));
        Row("host middleware in front of the proxy (exception, CORS, Swagger, routing, auth, 404)", () =>
            hostPipeline(context).GetAwaiter().GetResult());
        Row("  of which: UnhandledExceptionStep", Chain(services, context, b => b.UseMiddleware<OcelotGateway.Errors.UnhandledExceptionStep>()));
        Row("  of which: routing (route already chosen) and endpoint middleware, as bare YARP runs them", Chain(services, context, b =>
        {
            b.UseRouting();
            b.UseEndpoints(_ => { });
        }));

        var limitedContext = NewContext(services, limited, "/limited/json");
        var limiter = Step<RateLimitingStep>(services);
        Row("rate-limited route: RateLimitingStep with in-process counters", () => limiter(limitedContext).GetAwaiter().GetResult());
        var store = services.GetRequiredService<IRateLimitCounterStore>();
        var policy = limited.RateLimit!;
        var key = policy.CounterKey(RateLimitPolicy.CountedId("bench"));
        Row("  of which: the counter itself (store, one fixed key)", () => Completed(store.CountAsync(key, policy.Rule, default)));
        var limitedObservation = Step<RequestObservationStep>(services);
        Row("  RequestObservationStep on the rate-limited route (client id in the scope)", () =>
            limitedObservation(limitedContext).GetAwaiter().GetResult());
    }

    private static DefaultHttpContext NewContext(IServiceProvider services, CompiledRoute route, string path)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        var request = context.Request;
        request.Method = HttpMethods.Get;
        request.Scheme = "http";
        request.Host = new HostString("127.0.0.1", 5000);
        request.Path = path;
        // What wrk sends in the benchmark.
        request.Headers.Host = "127.0.0.1:5000";
        request.Headers["Oc-Client"] = "bench";
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback;
        // Kestrel's RequestAborted can be cancelled, so the route deadline links to it; one that cannot would cost less.
        context.RequestAborted = ClientAborted.Token;
        var values = UpstreamRouteMatching.ReadPlaceholders(route, request.Headers, path, null);
        context.Features.Set(new GatewayRouteFeature(route, values));
        context.Features.Set<IHttpResponseFeature>(new HttpResponseFeature());
        return context;
    }

    /// <summary>Runs <paramref name="context"/>'s request through the middleware <paramref name="configure"/> adds, synchronously.</summary>
    private static Action Chain(IServiceProvider services, HttpContext context, Action<IApplicationBuilder> configure)
    {
        var builder = new ApplicationBuilder(services);
        configure(builder);
        builder.Run(Done);
        var pipeline = builder.Build();
        return () => pipeline(context).GetAwaiter().GetResult();
    }

    private static RequestDelegate Step<T>(IServiceProvider services)
    {
        var step = ActivatorUtilities.CreateInstance<T>(services, Done)!;
        var invoke = typeof(T).GetMethod("InvokeAsync")!;
        return invoke.CreateDelegate<RequestDelegate>(step);
    }

    /// <summary>Every piece timed here completes synchronously; one that did not would be timed wrong, so it stops the probe.</summary>
    private static void Completed<T>(ValueTask<T> task)
    {
        if (!task.IsCompletedSuccessfully)
        {
            throw new InvalidOperationException("a timed piece did not complete synchronously");
        }
    }

    private static void Completed(ValueTask task)
    {
        if (!task.IsCompletedSuccessfully)
        {
            throw new InvalidOperationException("a timed piece did not complete synchronously");
        }
    }

    private static double Median(Action body, int iterations, int rounds)
    {
        for (var i = 0; i < iterations / 4; i++)
        {
            body();
        }

        var perCall = new double[rounds];
        for (var round = 0; round < rounds; round++)
        {
            var started = ThreadCpuNanoseconds();
            for (var i = 0; i < iterations; i++)
            {
                body();
            }

            perCall[round] = (ThreadCpuNanoseconds() - started) / (double)iterations;
        }

        Array.Sort(perCall);
        return perCall[rounds / 2];
    }

    private static long ThreadCpuNanoseconds()
    {
        const int ClockThreadCpuTimeId = 3;
        return clock_gettime(ClockThreadCpuTimeId, out var time) == 0
            ? (time.Seconds * 1_000_000_000) + time.Nanoseconds
            : throw new InvalidOperationException("clock_gettime failed");
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    /// <summary>Lets the probe build <see cref="GatewayPipeline"/> on a plain application builder.</summary>
    private sealed class ProxyPipelineBuilder(IApplicationBuilder inner) : IReverseProxyApplicationBuilder
    {
        public IServiceProvider ApplicationServices
        {
            get => inner.ApplicationServices;
            set => inner.ApplicationServices = value;
        }

        public IFeatureCollection ServerFeatures => inner.ServerFeatures;

        public IDictionary<string, object?> Properties => inner.Properties;

        public RequestDelegate Build() => inner.Build();

        public IApplicationBuilder New() => inner.New();

        public IApplicationBuilder Use(Func<RequestDelegate, RequestDelegate> middleware) => inner.Use(middleware);
    }

    /// <summary>What YARP's pipeline initializer hands the steps: the route, its cluster and the destinations.</summary>
    private sealed class ProbeProxyFeature(RouteModel route, ClusterState cluster) : IReverseProxyFeature
    {
        public RouteModel Route { get; } = route;

        public ClusterModel Cluster { get; set; } = cluster.Model;

        public IReadOnlyList<DestinationState> AllDestinations { get; } = cluster.DestinationsState.AllDestinations;

        public IReadOnlyList<DestinationState> AvailableDestinations { get; set; } = cluster.DestinationsState.AvailableDestinations;

        public DestinationState? ProxiedDestination { get; set; }

        public void Reset()
        {
            AvailableDestinations = cluster.DestinationsState.AvailableDestinations;
            ProxiedDestination = null;
        }
    }
}
