using System.Collections.Concurrent;
using System.Reflection;

namespace Mosaic.Core.Storage;

/// <summary>A provider's own exception as a <see cref="StoreException"/>; null for an exception that is not the provider's.</summary>
public delegate StoreException? StoreErrorTranslator(Exception error, string description);

/// <summary>
/// A provider's boundary: a proxy in front of a store interface that turns every exception of the provider's driver
/// into a <see cref="StoreException"/>, also from streamed results and from the import batches a store hands out.
/// A proxy rather than one hand-written wrapper per interface, so that a method added to a store interface is covered
/// without anyone remembering to wrap it. Costs one reflective call per store call (the import hot path makes two per
/// household, next to a dozen database statements).
/// </summary>
public class StoreBoundary<T> : DispatchProxy where T : class
{
    private static readonly ConcurrentDictionary<Type, Func<object, string, StoreErrorTranslator, object>> s_wrappers = new();

    private T _inner = null!;
    private string _description = "";
    private StoreErrorTranslator _translate = null!;

    /// <summary>The store <paramref name="inner"/> behind the boundary; <paramref name="description"/> names the database in errors.</summary>
#pragma warning disable CA1000 // DispatchProxy's own pattern: the proxy type is the generic type
    public static T Wrap(T inner, string description, StoreErrorTranslator translate)
    {
        var proxy = Create<T, StoreBoundary<T>>();
        var boundary = (StoreBoundary<T>)(object)proxy;
        boundary._inner = inner;
        boundary._description = description;
        boundary._translate = translate;
        return proxy;
    }
#pragma warning restore CA1000

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        object? result;
        try
        {
            result = targetMethod.Invoke(_inner, BindingFlags.DoNotWrapExceptions, null, args, null);
        }
        catch (Exception ex) when (ex is not StoreException)
        {
            var failure = _translate(ex, _description);
            if (failure is null)
                throw;
            throw failure;
        }
        return result is null ? null : WrapperFor(targetMethod.ReturnType)?.Invoke(result, _description, _translate) ?? result;
    }

    /// <summary>How a returned value is guarded: streams and store interfaces are, plain values are not.</summary>
    private static Func<object, string, StoreErrorTranslator, object>? WrapperFor(Type type)
    {
        if (type.IsValueType || type == typeof(string) || !type.IsInterface)
            return null;
        return s_wrappers.GetOrAdd(type, static t =>
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            {
                var stream = typeof(BoundaryStream<>).MakeGenericType(t.GetGenericArguments());
                return (inner, description, translate) => Activator.CreateInstance(stream, inner, description, translate)!;
            }
            if (t.Assembly == typeof(IMosaicStore).Assembly && t.Namespace == typeof(IMosaicStore).Namespace)
            {
                var wrap = typeof(StoreBoundary<>).MakeGenericType(t).GetMethod(nameof(Wrap), BindingFlags.Public | BindingFlags.Static)!;
                return (inner, description, translate) => wrap.Invoke(null, [inner, description, translate])!;
            }
            return static (inner, _, _) => inner;
        });
    }
}
