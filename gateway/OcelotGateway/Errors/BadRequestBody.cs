using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace OcelotGateway.Errors;

/// <summary>How the gateway words Kestrel's refusal of a request body, wherever the body was being read.</summary>
internal static class BadRequestBody
{
    public static (string Title, string Detail) Describe(int statusCode) => statusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => ("Payload Too Large", "The request body is larger than this gateway accepts."),
        StatusCodes.Status408RequestTimeout => ("Request Timeout", "The request body arrived too slowly."),
        _ => (ReasonPhrases.GetReasonPhrase(statusCode), "The request could not be read: it is malformed."),
    };
}
