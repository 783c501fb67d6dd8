using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Mosaic.Core.Demo;
using Mosaic.Core.Disclosure;
using Mosaic.Core.Hazards;
using Mosaic.Core.Hazards.Import;
using Mosaic.Core.Storage;
using Mosaic.Core.Tabulation;
using Mosaic.Server.Infrastructure;
using Mosaic.Storage.Postgres;
using Mosaic.Storage.Sqlite;

namespace Mosaic.Cli.Tests.Infrastructure;

/// <summary>
/// Issue 8, "public surface on purpose": a type of Mosaic.Core is public only when a host or a provider needs it. The
/// oracle is the compiled metadata of the CLI, the server and both providers (the type references they contain),
/// closed over the public signatures of the types they use (a public record's property types must be public too).
/// </summary>
public sealed class PublicSurfaceTests
{
    private static readonly Assembly Core = typeof(IMosaicStore).Assembly;

    /// <summary>
    /// Public for a constant a host or a provider uses (in SQL, in --help texts): the compiler copies a constant into
    /// the caller, so the caller's metadata holds no reference to its type.
    /// </summary>
    private static readonly Type[] ConstantsOnly =
        [typeof(SnapshotCodes), typeof(DemoHouseholdsStep), typeof(HazardFileReader), typeof(HazardSeverity), typeof(DisclosureFloor)];

    [Fact]
    public void Every_public_core_type_is_used_by_a_host_or_a_provider()
    {
        var needed = Closure(ReferencedCoreTypes().Concat(ConstantsOnly));
        var surplus = Core.GetExportedTypes()
            .Where(t => !t.IsNested && !needed.Contains(t))
            .Select(t => t.FullName)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(surplus.Count == 0,
            "public in Mosaic.Core but used by no host or provider (make them internal): " + string.Join(", ", surplus));
    }

    [Fact]
    public void The_oracle_sees_what_the_hosts_use()
    {
        // Guards the metadata reading itself: types each host certainly names are found.
        var referenced = ReferencedCoreTypes();
        Assert.Contains(typeof(IMosaicStore), referenced);
        Assert.Contains(typeof(IMosaicDatabase), referenced);
        Assert.DoesNotContain(typeof(PublicSurfaceTests), referenced);
    }

    private static HashSet<Type> ReferencedCoreTypes()
    {
        var coreName = Core.GetName().Name;
        var hosts = new[]
        {
            typeof(MosaicCli).Assembly, typeof(ServerOptions).Assembly,
            typeof(SqliteStoreProvider).Assembly, typeof(PostgresStoreProvider).Assembly,
        };
        var found = new HashSet<Type>();
        foreach (var host in hosts)
        {
            using var pe = new PEReader(File.OpenRead(host.Location));
            var metadata = pe.GetMetadataReader();
            foreach (var handle in metadata.TypeReferences)
            {
                var reference = metadata.GetTypeReference(handle);
                if (RootScope(metadata, reference) is not { } scope || metadata.GetString(metadata.GetAssemblyReference(scope).Name) != coreName)
                    continue;
                if (Core.GetType(FullName(metadata, reference)) is { } type)
                    found.Add(type);
            }
        }

        return found;
    }

    private static AssemblyReferenceHandle? RootScope(MetadataReader metadata, TypeReference reference) => reference.ResolutionScope.Kind switch
    {
        HandleKind.AssemblyReference => (AssemblyReferenceHandle)reference.ResolutionScope,
        HandleKind.TypeReference => RootScope(metadata, metadata.GetTypeReference((TypeReferenceHandle)reference.ResolutionScope)),
        _ => null,
    };

    private static string FullName(MetadataReader metadata, TypeReference reference)
    {
        var name = metadata.GetString(reference.Name);
        if (reference.ResolutionScope.Kind == HandleKind.TypeReference)
            return FullName(metadata, metadata.GetTypeReference((TypeReferenceHandle)reference.ResolutionScope)) + "+" + name;
        var ns = metadata.GetString(reference.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    /// <summary>The types reachable from <paramref name="roots"/> through public signatures, within Mosaic.Core.</summary>
    private static HashSet<Type> Closure(IEnumerable<Type> roots)
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>(roots);
        while (pending.TryPop(out var type))
        {
            foreach (var t in Unwrap(type))
            {
                var top = t;
                while (top.DeclaringType is not null)
                    top = top.DeclaringType;
                if (top.Assembly != Core || !t.IsPublicOrNestedPublic() || !seen.Add(t))
                    continue;
                if (top != t)
                    pending.Push(top);
                foreach (var signature in Signatures(t))
                    pending.Push(signature);
            }
        }

        return seen;
    }

    private static IEnumerable<Type> Signatures(Type type)
    {
        const BindingFlags publicMembers = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (type.BaseType is { } baseType)
            yield return baseType;
        foreach (var i in type.GetInterfaces())
            yield return i;
        foreach (var nested in type.GetNestedTypes())
            yield return nested;
        foreach (var field in type.GetFields(publicMembers))
            yield return field.FieldType;
        foreach (var property in type.GetProperties(publicMembers))
            yield return property.PropertyType;
        foreach (var method in type.GetMethods(publicMembers).Cast<MethodBase>().Concat(type.GetConstructors()))
        {
            if (method is MethodInfo info)
                yield return info.ReturnType;
            foreach (var parameter in method.GetParameters())
                yield return parameter.ParameterType;
        }
    }

    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType)
        {
            foreach (var t in Unwrap(type.GetElementType()!))
                yield return t;
            yield break;
        }

        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
                foreach (var t in Unwrap(argument))
                    yield return t;
            yield return type.GetGenericTypeDefinition();
            yield break;
        }

        if (!type.IsGenericParameter)
            yield return type;
    }
}

internal static class TypeVisibility
{
    public static bool IsPublicOrNestedPublic(this Type type) => type.IsPublic || (type.IsNestedPublic && type.DeclaringType!.IsPublicOrNestedPublic());
}
