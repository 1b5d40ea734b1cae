namespace OcelotGateway.Administration.Explain;

/// <summary>
/// What the gateway would do with one request: which route or aggregate takes it and why every other one does not, the
/// placeholder values, the downstream request after every transform, and the policies on the way. The same shape is printed
/// by the CLI (as text or JSON) and answered by the administration API.
/// </summary>
internal sealed record Explanation
{
    public const string RouteOutcome = "route";
    public const string AggregateOutcome = "aggregate";
    public const string NoRouteOutcome = "no-route";
    public const string AdministrationOutcome = "administration";
    public const string RefusedOutcome = "refused";

    public required ExplainedRequest Request { get; init; }

    /// <summary>True for the running gateway (its instances and breaker states); false for a folder explained offline.</summary>
    public required bool Live { get; init; }

    /// <summary>The configuration generation explained (1 offline).</summary>
    public required long Generation { get; init; }

    /// <summary>
    /// <see cref="RouteOutcome"/>, <see cref="AggregateOutcome"/>, <see cref="NoRouteOutcome"/>, <see cref="AdministrationOutcome"/>,
    /// or <see cref="RefusedOutcome"/> when the server refuses the request before any route is weighed.
    /// </summary>
    public required string Outcome { get; init; }

    public required string Summary { get; init; }

    public ExplainedRoute? Match { get; init; }

    /// <summary>
    /// The answer the gateway gives instead of forwarding, when this request alone decides it: the server's 400, or on the
    /// chosen route the first step that refuses (IP filter 403, rate limiting without a client id 503, an unforwardable header
    /// or path 400). Null when the request goes downstream as far as the request can tell.
    /// </summary>
    public ExplainedRefusal? Refusal { get; init; }

    public IReadOnlyDictionary<string, string> Placeholders { get; init; } = new Dictionary<string, string>();

    /// <summary>Every route and aggregate of the configuration, the chosen one first, then those that matched but lost, then the rest.</summary>
    public required IReadOnlyList<ExplainedCandidate> Candidates { get; init; }

    public ExplainedDownstream? Downstream { get; init; }

    /// <summary>The route's policies in the order the pipeline applies them.</summary>
    public IReadOnlyList<ExplainedPolicy> Policies { get; init; } = [];

    /// <summary>For an aggregate: one entry per route key, in output order.</summary>
    public IReadOnlyList<ExplainedPart> Parts { get; init; } = [];

    public bool Matched => Outcome is RouteOutcome or AggregateOutcome;

    /// <summary>A route or aggregate takes the request and nothing the request decides stops it going downstream.</summary>
    public bool Forwarded => Matched && Refusal is null;
}

/// <summary>How the gateway refuses the request: status, the step that refuses, and the problem's detail as the client reads it.</summary>
internal sealed record ExplainedRefusal(int Status, string Step, string Detail);

/// <summary>The request as the gateway would see it.</summary>
internal sealed record ExplainedRequest(string Method, string Url, string ClientAddress, IReadOnlyList<ExplainedHeader> Headers);

/// <summary>A route or aggregate, named the way an operator finds it in the files.</summary>
internal sealed record ExplainedRoute(string Kind, string Name, string File, int Index, int? Line, string UpstreamPathTemplate, string? Key);

/// <summary>
/// One route or aggregate weighed for the request. <c>Verdict</c> is <c>chosen</c>, <c>outranked</c> (it matched, another won)
/// or <c>no-match</c>; <c>Reasons</c> say why for the last two.
/// </summary>
internal sealed record ExplainedCandidate(
    ExplainedRoute Route, IReadOnlyList<string> Methods, string? Host, int Priority, string Verdict, IReadOnlyList<string> Reasons)
{
    public const string Chosen = "chosen";
    public const string Outranked = "outranked";
    public const string NoMatch = "no-match";
}

/// <summary>
/// The downstream request: method, URL (on <c>Destination</c>, one of the instances the load balancer picks from) and headers
/// as the forwarder sends them; <c>Origin</c> of a header is <c>client</c>, <c>changed</c> or <c>added</c>, and <c>Removed</c>
/// lists client headers that are not sent.
/// </summary>
internal sealed record ExplainedDownstream(
    string Method, string Url, string? Destination, IReadOnlyList<ExplainedHeader> Headers, IReadOnlyList<string> Removed, IReadOnlyList<string> Notes);

internal sealed record ExplainedHeader(string Name, string Value, string? Origin = null)
{
    public const string FromClient = "client";
    public const string Changed = "changed";
    public const string Added = "added";
}

/// <summary>One policy on the route: a sentence for people and the facts behind it for programs.</summary>
internal sealed record ExplainedPolicy(string Name, string Summary, IReadOnlyDictionary<string, object?> Details);

/// <summary>One route key of an aggregate and the downstream call it makes, or how the gateway refuses that part.</summary>
internal sealed record ExplainedPart(
    string RouteKey, ExplainedRoute? Route, bool Optional, string? DependsOn, ExplainedDownstream? Downstream, ExplainedRefusal? Refusal = null);
