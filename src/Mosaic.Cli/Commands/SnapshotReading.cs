using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Storage;
using Mosaic.Core.Tabulation;

namespace Mosaic.Cli.Commands;

/// <summary>What commands over the columnar snapshot share: reading it (with progress on a terminal) and their list options.</summary>
internal static class SnapshotReading
{
    /// <summary>
    /// The snapshot of the whole registry: read from the image the store persisted when it is current, extended after
    /// imports, rebuilt (and saved for the next command) otherwise — see <see cref="PersistedSnapshots"/>.
    /// </summary>
    public static Task<RegistrySnapshot> LoadAsync(CliConsole console, IMosaicStore store, CancellationToken cancellationToken) =>
        console.WithStatusAsync("reading the registry", () => RegistrySnapshotLoader.LoadAsync(store, cancellationToken));

    /// <summary>
    /// Runs <paramref name="use"/> on the snapshot of the whole registry, reading from a current image only the columns
    /// it touches (<see cref="RegistrySnapshotLoader.UseAsync{T}"/>): for what is computed from the snapshot alone, while
    /// the store is open. It may run twice (a damaged column is read again whole).
    /// </summary>
    public static Task<T> UseAsync<T>(CliConsole console, IMosaicStore store, Func<RegistrySnapshot, T> use, CancellationToken cancellationToken) =>
        console.WithStatusAsync("reading the registry", () => RegistrySnapshotLoader.UseAsync(store, use, cancellationToken));

    /// <summary>A list option given as <c>a,b,c</c>, as several tokens, or both.</summary>
    public static List<string> Names(string[]? values) =>
        [.. (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))];
}
