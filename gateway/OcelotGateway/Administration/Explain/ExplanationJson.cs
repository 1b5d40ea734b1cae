using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace OcelotGateway.Administration.Explain;

/// <summary>How explanations and the console's data are written as JSON: camelCase, nulls left out.</summary>
internal static class ExplanationJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Answers are JSON read by programs and by the console's script, which inserts text with textContent, never as HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // Generated serialisers first; reflection only for a detail value of a type the context does not list.
        TypeInfoResolver = JsonTypeInfoResolver.Combine(ExplanationJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    public static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };
}
