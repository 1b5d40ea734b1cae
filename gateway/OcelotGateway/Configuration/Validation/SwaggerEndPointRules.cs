using System.Globalization;
using OcelotGateway.Configuration.File;

namespace OcelotGateway.Configuration.Validation;

/// <summary>
/// SwaggerForOcelot's <c>SwaggerEndPoints</c>: a unique <c>Key</c>, and per document a <c>Name</c>, a <c>Version</c> and exactly
/// one of <c>Url</c> or <c>Service</c>. Routes point at them with <c>SwaggerKey</c>.
/// </summary>
internal static class SwaggerEndPointRules
{
    public static void Check(ValidationInput input)
    {
        var firstByKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var e = 0; e < input.SwaggerEndPoints.Count; e++)
        {
            var endPoint = input.SwaggerEndPoints[e];
            var scope = input.ForSwaggerEndPoint(e);
            if (string.IsNullOrWhiteSpace(endPoint.Key))
            {
                scope.Error(nameof(endPoint.Key), "required: the name routes refer to with SwaggerKey");
            }
            else if (!firstByKey.TryAdd(endPoint.Key, e))
            {
                scope.Error(nameof(endPoint.Key), string.Create(
                    CultureInfo.InvariantCulture, $"'{endPoint.Key}' is already the Key of SwaggerEndPoints[{firstByKey[endPoint.Key]}]; keys must be unique"));
            }

            if (endPoint.Config.Count == 0)
            {
                scope.Error(nameof(endPoint.Config), "needs at least one document: { \"Name\": \"...\", \"Version\": \"v1\", \"Url\": \"http://...\" }");
            }

            for (var c = 0; c < endPoint.Config.Count; c++)
            {
                CheckDocument(endPoint.Config[c], string.Create(CultureInfo.InvariantCulture, $"Config[{c}]"), scope);
            }
        }

        for (var r = 0; r < input.Routes.Count; r++)
        {
            var swaggerKey = input.Routes[r].SwaggerKey;
            if (!string.IsNullOrWhiteSpace(swaggerKey) && !firstByKey.ContainsKey(swaggerKey))
            {
                input.ForRoute(r).Warning(nameof(FileRoute.SwaggerKey), $"no SwaggerEndPoints entry has Key '{swaggerKey}', so the route is left out of the Swagger documents");
            }
        }
    }

    private static void CheckDocument(FileSwaggerEndPointConfig document, string key, ProblemScope scope)
    {
        if (string.IsNullOrWhiteSpace(document.Name))
        {
            scope.Error(key + ".Name", "required: the document's label in the Swagger UI");
        }

        if (string.IsNullOrWhiteSpace(document.Version))
        {
            scope.Error(key + ".Version", "required: the document version, e.g. v1");
        }

        var hasUrl = !string.IsNullOrWhiteSpace(document.Url);
        var hasService = document.Service is not null;
        if (hasUrl && hasService)
        {
            scope.Error(key, "set either Url or Service, not both");
        }
        else if (!hasUrl && !hasService)
        {
            scope.Error(key, "needs Url (the downstream document's address) or Service { \"Name\": \"...\", \"Path\": \"...\" }");
        }
        else if (hasUrl && !IsHttpUrl(document.Url!))
        {
            scope.Error(key + ".Url", $"'{document.Url}' is not an absolute http(s) URL of the downstream document");
        }
        else if (hasService && string.IsNullOrWhiteSpace(document.Service!.Name))
        {
            scope.Error(key + ".Service.Name", "required: the discovered service that serves the document");
        }
    }

    // SwaggerForOcelot puts https:// in front of a URL written without a scheme.
    private static bool IsHttpUrl(string url)
    {
        var text = url.Contains("://", StringComparison.Ordinal) ? url.Trim() : "https://" + url.Trim();
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
    }
}
