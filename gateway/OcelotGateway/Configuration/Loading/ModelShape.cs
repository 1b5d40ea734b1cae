namespace OcelotGateway.Configuration.Loading;

internal enum ModelShapeKind
{
    /// <summary>A single value: text, number, boolean or enum.</summary>
    Value,

    /// <summary>A list; the JSON is an array.</summary>
    List,

    /// <summary>A dictionary with free-form keys; the JSON is an object.</summary>
    Dictionary,

    /// <summary>An options object with fixed keys.</summary>
    Object,
}

/// <summary>How the configuration binder reads a model type from JSON, and the type of its items.</summary>
internal readonly record struct ModelShape(ModelShapeKind Kind, Type? ItemType)
{
    public static ModelShape Of(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string) || underlying.IsPrimitive || underlying.IsEnum || underlying == typeof(decimal))
        {
            return new ModelShape(ModelShapeKind.Value, null);
        }

        if (underlying.IsGenericType)
        {
            var definition = underlying.GetGenericTypeDefinition();
            var arguments = underlying.GetGenericArguments();
            if (definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>))
            {
                return new ModelShape(ModelShapeKind.Dictionary, arguments[1]);
            }

            if (definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(IReadOnlyList<>)
                || definition == typeof(IEnumerable<>) || definition == typeof(ICollection<>))
            {
                return new ModelShape(ModelShapeKind.List, arguments[0]);
            }
        }

        if (underlying.IsArray)
        {
            return new ModelShape(ModelShapeKind.List, underlying.GetElementType());
        }

        return new ModelShape(ModelShapeKind.Object, null);
    }
}
