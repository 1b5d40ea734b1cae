using System.Text.Json;
using System.Text.Json.Serialization;
using OcelotGateway.Administration.Console;

namespace OcelotGateway.Administration.Explain;

/// <summary>
/// Serialisation code generated at build time for what <see cref="ExplanationJson"/> writes, and for the values a policy's
/// details hold (typed as object). The native build cannot build serialisers by reflection for records whose constructors
/// take value types; the generated ones need none, and both builds run them.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Explanation))]
[JsonSerializable(typeof(RouteCatalogView))]
[JsonSerializable(typeof(StatusView))]
[JsonSerializable(typeof(TrafficReport))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(ExplainedInstance[]))]
[JsonSerializable(typeof(List<ExplainedInstance>))]
internal sealed partial class ExplanationJsonContext : JsonSerializerContext;
