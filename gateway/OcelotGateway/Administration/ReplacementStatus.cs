namespace OcelotGateway.Administration;

internal enum ReplacementStatus
{
    /// <summary>Stored and serving.</summary>
    Applied,

    /// <summary>Rejected by validation; nothing was stored and the running configuration is unchanged.</summary>
    Invalid,

    /// <summary>Valid, but the folder or Consul could not be written; the running configuration is unchanged.</summary>
    StoreUnavailable,
}
