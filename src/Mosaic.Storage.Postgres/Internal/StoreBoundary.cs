using System.Collections.Concurrent;
using System.Reflection;
using Npgsql;

namespace Mosaic.Storage.Postgres.Internal;

/// <summary>
/// The provider's boundary: a proxy in front of a store interface that turns every <see cref="NpgsqlException"/>
/// into a <see cref="Core.Storage.StoreException"/>, also from streamed results and from the import batches a store
/// hands out, so a method added to an interface is covered without being wrapped by hand.
/// </summary>
internal class StoreBoundary<T> : DispatchProxy where T : class
{
    private static readonly ConcurrentDictionary<Type, Func<object, string, object>> s_wrappers = new();

    private T _inner = null!;
    private string _description = "";

    public static T Wrap(T inner, string description)
    {
        var proxy = Create<T, StoreBoundary<T>>();
        var boundary = (StoreBoundary<T>)(object)proxy;
        boundary._inner = inner;
        boundary._description = description;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        object? result;
        try
        {
            result = targetMethod.Invoke(_inner, BindingFlags.DoNotWrapExceptions, null, args, null);
        }
        catch (NpgsqlException ex)
        {
            throw PostgresErrors.Translate(ex, _description);
        }
        return result is null ? null : WrapperFor(targetMethod.ReturnType)?.Invoke(result, _description) ?? result;
    }

    private static Func<object, string, object>? WrapperFor(Type type)
    {
        if (type.IsValueType || type == typeof(string) || !type.IsInterface)
            return null;
        return s_wrappers.GetOrAdd(type, static t =>
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            {
                var stream = typeof(BoundaryStream<>).MakeGenericType(t.GetGenericArguments());
                return (inner, description) => Activator.CreateInstance(stream, inner, description)!;
            }
            if (t.Assembly == typeof(Core.Storage.IMosaicStore).Assembly && t.Namespace == typeof(Core.Storage.IMosaicStore).Namespace)
            {
                var wrap = typeof(StoreBoundary<>).MakeGenericType(t).GetMethod(nameof(Wrap), BindingFlags.Public | BindingFlags.Static)!;
                return (inner, description) => wrap.Invoke(null, [inner, description])!;
            }
            return static (inner, _) => inner;
        });
    }
}
