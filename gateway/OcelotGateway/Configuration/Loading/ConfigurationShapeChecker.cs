using Microsoft.Extensions.Configuration;

namespace OcelotGateway.Configuration.Loading;

/// <summary>
/// Walks one route (or other object) of configuration against the model type it will be bound to and reports what the configuration binder
/// would do silently: unknown keys it skips, a single value where a list is expected (bound as an empty list), and values
/// it cannot convert. An unconvertible value makes the binder throw, or drop the whole list item around it (a route, a
/// host) without a word; those values are collected so that binding can skip them and every problem is reported at once.
/// An empty object where a list or dictionary expects a text item would be bound as a null item; it is reported and collected
/// too, so binding can give it an empty text instead and no list or dictionary of the model ever holds a null.
/// </summary>
internal sealed class ConfigurationShapeChecker
{
    /// <summary>
    /// The reflection binder's conversion of one scalar (a type converter), called through a delegate: the type is known only
    /// at run time, which the binding source generator cannot serve, and converting a scalar needs no reflection over the
    /// model, so the native build runs it as the JIT build does.
    /// </summary>
    private static readonly Func<IConfiguration, Type, string, object?> ScalarConversion = ConfigurationBinder.GetValue;

    private readonly IConfiguration _root;
    private readonly ICollection<ConfigurationProblem> _problems;
    private readonly List<string> _unconvertiblePaths = [];
    private readonly List<string> _nullItemPaths = [];

    public ConfigurationShapeChecker(IConfiguration root, ICollection<ConfigurationProblem> problems)
    {
        _root = root;
        _problems = problems;
    }

    /// <summary>Configuration paths (<c>DownstreamHostAndPorts:0:Port</c>) of values that cannot be converted to their property's type.</summary>
    public IReadOnlyList<string> UnconvertiblePaths => _unconvertiblePaths;

    /// <summary>Configuration paths of list or dictionary items that would be bound as null.</summary>
    public IReadOnlyList<string> NullItemPaths => _nullItemPaths;

    /// <summary>Checks the whole configuration given to the constructor as one object of type <paramref name="model"/>.</summary>
    public void Check(Type model, string file, string? location)
    {
        var where = new Where(file, location);
        foreach (var child in _root.GetChildren())
        {
            WalkProperty(child, model, child.Key, where);
        }
    }

    private void Walk(IConfigurationSection section, Type type, string path, Where where, bool isItem = false)
    {
        var shape = ModelShape.Of(type);
        var children = section.GetChildren().ToList();
        switch (shape.Kind)
        {
            case ModelShapeKind.Value:
                if (children.Count > 0)
                {
                    Warn(where, path, "expected a single value, found an object or array; ignored");
                }
                else if (isItem && section.Value is null)
                {
                    _nullItemPaths.Add(section.Path);
                    _problems.Add(new ConfigurationProblem(
                        ProblemSeverity.Error, where.File, where.Location, path, "expected " + Expected(type) + ", found null or an empty object"));
                }
                else
                {
                    CheckConversion(section, type, path, where);
                }

                return;
            case ModelShapeKind.List:
                if (children.Count == 0 && !string.IsNullOrEmpty(section.Value))
                {
                    Warn(where, path, $"a single value where a list is expected; read as an empty list, write [\"{section.Value}\"] instead");
                }

                foreach (var child in children)
                {
                    Walk(child, shape.ItemType!, path + "[" + child.Key + "]", where, isItem: true);
                }

                return;
            case ModelShapeKind.Dictionary:
                WarnIfScalarForObject(section, children, path, where);
                foreach (var child in children)
                {
                    Walk(child, shape.ItemType!, Join(path, child.Key), where, isItem: true);
                }

                return;
            default:
                WarnIfScalarForObject(section, children, path, where);
                foreach (var child in children)
                {
                    WalkProperty(child, type, Join(path, child.Key), where);
                }

                return;
        }
    }

    private void WalkProperty(IConfigurationSection child, Type model, string path, Where where)
    {
        if (KnownKeys.TryGetProperty(model, child.Key, out var property))
        {
            if (KnownKeys.CurrentNameOfLegacy(model, child.Key) is { } current)
            {
                Warn(where, path, "legacy key (Ocelot 15 and older); read here when " + current + " is not set, but Ocelot 16+ ignores it: rename it to " + current);
            }

            Walk(child, property.PropertyType, path, where);
        }
        else if (!KnownKeys.IsAcceptedExtra(model, child.Key))
        {
            var suggestion = KeySuggestions.Closest(child.Key, KnownKeys.Names(model));
            Warn(where, path, suggestion is null ? "unknown key; ignored" : "unknown key; ignored (did you mean " + suggestion + "?)");
        }
    }

    private void CheckConversion(IConfigurationSection section, Type type, string path, Where where)
    {
        if (section.Value is null || type == typeof(string))
        {
            return;
        }

        try
        {
            // The binder's own conversion, so that exactly what it rejects is reported ("8080" and "true" pass).
            ScalarConversion(_root, type, section.Path);
        }
        catch (InvalidOperationException)
        {
            _unconvertiblePaths.Add(section.Path);
            _problems.Add(new ConfigurationProblem(
                ProblemSeverity.Error, where.File, where.Location, path, $"'{section.Value}' is not {Expected(type)}"));
        }
    }

    private void WarnIfScalarForObject(IConfigurationSection section, List<IConfigurationSection> children, string path, Where where)
    {
        if (children.Count == 0 && !string.IsNullOrEmpty(section.Value))
        {
            Warn(where, path, $"expected an object ({{ ... }}), found '{section.Value}'; ignored");
        }
    }

    private void Warn(Where where, string path, string message) =>
        _problems.Add(new ConfigurationProblem(ProblemSeverity.Warning, where.File, where.Location, path, message));

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    private static string Expected(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsEnum)
        {
            return "one of " + string.Join(", ", Enum.GetNames(underlying));
        }

        return Type.GetTypeCode(underlying) switch
        {
            TypeCode.Boolean => "true or false",
            TypeCode.Int32 => "a whole number (up to 2147483647)",
            TypeCode.Int64 => "a whole number",
            TypeCode.Double or TypeCode.Single or TypeCode.Decimal => "a number (with '.' for decimals)",
            TypeCode.String => "a text",
            _ => "a valid " + underlying.Name,
        };
    }

    private readonly record struct Where(string File, string? Location);
}
