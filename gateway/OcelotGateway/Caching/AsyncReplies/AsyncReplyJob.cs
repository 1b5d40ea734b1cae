using OcelotGateway.Routing;
using Yarp.ReverseProxy.Model;

namespace OcelotGateway.Caching.AsyncReplies;

/// <summary>
/// One accepted asynchronous request waiting in <see cref="AsyncReplyWorker"/>'s queue: a copy of the request (the live one is
/// recycled once the 202 is sent), where it goes, and its keys. It must finish within the route's <c>Timeout</c> of
/// <see cref="AcceptedAt"/>, time spent queued included.
/// </summary>
internal sealed record AsyncReplyJob(
    Microsoft.AspNetCore.Http.HttpContext Request,
    GatewayRouteFeature Feature,
    RouteModel Route,
    ClusterModel Cluster,
    string Destination,
    AsyncReplyPolicy Policy,
    AsyncReplyOwner Owner,
    string PollKey,
    string RequestKey,
    DateTimeOffset AcceptedAt,
    AsyncReplyLedger.Ticket Ticket);
