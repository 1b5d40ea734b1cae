namespace OcelotGateway.Transforms;

public enum HeaderTransformKind
{
    /// <summary>Set the header to a value (a literal or one placeholder such as <c>{RemoteIpAddress}</c>).</summary>
    Set,

    /// <summary>Replace text inside the header's first value (Ocelot's <c>"find, replace"</c> form).</summary>
    FindAndReplace,
}
