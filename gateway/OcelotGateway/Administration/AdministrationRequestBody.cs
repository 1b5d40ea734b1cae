namespace OcelotGateway.Administration;

/// <summary>
/// Endpoint metadata: what an administration endpoint reads from its body, for the gateway's OpenAPI document. Not
/// <c>Accepts</c>, whose content-type matching would answer 415 where the endpoint answers a clear 400.
/// </summary>
internal sealed record AdministrationRequestBody(string ContentType, string Description);
