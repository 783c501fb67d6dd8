using System.Collections.Concurrent;
using System.Reflection;

namespace Mosaic.Core.Storage;

/// <summary>
/// A provider's own exception as a <see cref="StoreException"/>, or as an <see cref="OperationCanceledException"/> when the
/// provider's statement was stopped because its token was cancelled (SQLite's interrupt); null for an exception that is
/// not the provider's.
/// </summary>
public delegate Exception? StoreErrorTranslator(Exception error, string description);

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

    /// <summary>
    /// Calls <paramref name="targetMethod"/> on the provider's object and translates a driver failure (thrown, or
    /// inside the task or stream it returns) into a <see cref="StoreException"/>; a cancellation passes through.
    /// </summary>
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        object? result;
        try
        {
            result = targetMethod.Invoke(_inner, BindingFlags.DoNotWrapExceptions, null, args, null);
        }
        catch (Exception ex) when (BoundaryTasks.Translate(ex, _description, _translate) is { } failure)
        {
            throw failure;
        }
        return result is null ? null : WrapperFor(targetMethod.ReturnType)?.Invoke(result, _description, _translate) ?? result;
    }

    /// <summary>
    /// How a returned value is guarded: streams (also asynchronous ones), tasks and store interfaces are, plain values
    /// are not. A task's failure is translated when it is awaited, and its result is guarded in turn (a task of an
    /// import batch gives a guarded batch). Cancellation (<see cref="OperationCanceledException"/>) is never translated.
    /// </summary>
    private static Func<object, string, StoreErrorTranslator, object>? WrapperFor(Type type)
    {
        if (type.IsValueType || type == typeof(string) || (!type.IsInterface && !typeof(Task).IsAssignableFrom(type)))
            return null;
        return s_wrappers.GetOrAdd(type, static t =>
        {
            if (t == typeof(Task))
                return static (inner, description, translate) => BoundaryTasks.Guard((Task)inner, description, translate);
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Task<>))
            {
                var guard = typeof(BoundaryTasks).GetMethod(nameof(BoundaryTasks.GuardBoxed), BindingFlags.Public | BindingFlags.Static)!
                    .MakeGenericMethod(t.GetGenericArguments())
                    .CreateDelegate<Func<object, string, StoreErrorTranslator, Func<object, string, StoreErrorTranslator, object>?, object>>();
                var wrapResult = WrapperFor(t.GetGenericArguments()[0]);
                return (inner, description, translate) => guard(inner, description, translate, wrapResult);
            }
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            {
                var stream = typeof(BoundaryStream<>).MakeGenericType(t.GetGenericArguments());
                return (inner, description, translate) => Activator.CreateInstance(stream, inner, description, translate)!;
            }
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>))
            {
                var stream = typeof(BoundaryAsyncStream<>).MakeGenericType(t.GetGenericArguments());
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

/// <summary>The boundary's guard on tasks a store returns (see <see cref="StoreBoundary{T}"/>).</summary>
internal static class BoundaryTasks
{
    /// <summary>The task itself when it has already succeeded, else a task that fails with the translated error.</summary>
    public static Task Guard(Task task, string description, StoreErrorTranslator translate) =>
        task.IsCompletedSuccessfully ? task : Awaited(task, description, translate);

    /// <summary>As <see cref="Guard"/>, and the result guarded by <paramref name="wrapResult"/> when it is a store interface or a stream.</summary>
    public static Task<TResult> GuardResult<TResult>(Task<TResult> task, string description, StoreErrorTranslator translate,
        Func<object, string, StoreErrorTranslator, object>? wrapResult) =>
        task.IsCompletedSuccessfully && (wrapResult is null || task.Result is null)
            ? task
            : AwaitedResult(task, description, translate, wrapResult);

    /// <summary><see cref="GuardResult{TResult}"/> on a task typed as object (what the proxy holds).</summary>
    public static object GuardBoxed<TResult>(object task, string description, StoreErrorTranslator translate,
        Func<object, string, StoreErrorTranslator, object>? wrapResult) =>
        GuardResult((Task<TResult>)task, description, translate, wrapResult);

    /// <summary>
    /// A store failure (or a cancellation) for a provider's error; null when <paramref name="error"/> is not the
    /// provider's (or is a cancellation already).
    /// </summary>
    public static Exception? Translate(Exception error, string description, StoreErrorTranslator translate) =>
        error is StoreException or OperationCanceledException ? null : translate(error, description);

    private static async Task Awaited(Task task, string description, StoreErrorTranslator translate)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex, description, translate) is { } failure)
        {
            throw failure;
        }
    }

    private static async Task<TResult> AwaitedResult<TResult>(Task<TResult> task, string description, StoreErrorTranslator translate,
        Func<object, string, StoreErrorTranslator, object>? wrapResult)
    {
        TResult result;
        try
        {
            result = await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex, description, translate) is { } failure)
        {
            throw failure;
        }
        return result is null || wrapResult is null ? result : (TResult)wrapResult(result, description, translate);
    }
}
