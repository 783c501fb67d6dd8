using Mosaic.Core.Registry;

namespace Mosaic.Core.Storage;

/// <summary>Shortcuts over <see cref="IRegistrationBatch"/> for callers that hold whole households (tests, benchmarks, demos).</summary>
internal static class RegistrationBatches
{
    private const int ChunkSize = 512;

    /// <summary>Adds one household, fingerprinted here, and returns what became of it.</summary>
    public static async Task<RegistrationOutcome> AddAsync(this IRegistrationBatch batch, Household household,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var outcomes = await batch.AddAsync([FingerprintedHousehold.Of(household)], cancellationToken).ConfigureAwait(false);
        return outcomes[0];
    }

    /// <summary>Adds households in chunks, fingerprinted here; the outcomes in input order.</summary>
    public static async Task<IReadOnlyList<RegistrationOutcome>> AddAllAsync(this IRegistrationBatch batch, IEnumerable<Household> households,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(households);
        var outcomes = new List<RegistrationOutcome>();
        var chunk = new List<FingerprintedHousehold>(ChunkSize);
        foreach (var household in households)
        {
            chunk.Add(FingerprintedHousehold.Of(household));
            if (chunk.Count < ChunkSize)
                continue;
            outcomes.AddRange(await batch.AddAsync(chunk, cancellationToken).ConfigureAwait(false));
            chunk = new List<FingerprintedHousehold>(ChunkSize);
        }
        if (chunk.Count > 0)
            outcomes.AddRange(await batch.AddAsync(chunk, cancellationToken).ConfigureAwait(false));
        return outcomes;
    }

    /// <summary>One committed import of <paramref name="households"/> under <paramref name="source"/>.</summary>
    public static async Task<RegistrationCommitted> ImportAsync(this IRegistryStore registry, string source, IEnumerable<Household> households,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        await using var batch = await registry.BeginImportAsync(source, cancellationToken).ConfigureAwait(false);
        await batch.AddAllAsync(households, cancellationToken).ConfigureAwait(false);
        return await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
