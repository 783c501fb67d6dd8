namespace Mosaic.Core.Audit;

/// <summary>
/// Checks an audit log: every stored hash against the chain recomputed from the entries in id order, ids without
/// gaps up to the highest id the store issued, and the store's own guards. Finds a changed (forged) entry, a
/// removed one (also the last), an inserted one, entries in another order, and dropped guards. It cannot tell a
/// log rewritten from scratch by someone who recomputed every hash: compare <see cref="AuditVerification.HeadHash"/>
/// with one noted earlier for that.
/// </summary>
public static class AuditVerifier
{
    /// <summary>Verifies a store's audit log (the <c>mosaic audit verify</c> use case).</summary>
    /// <param name="log">The store's audit log.</param>
    /// <param name="cancellationToken">Passed to its reads.</param>
    public static async Task<AuditVerification> VerifyAsync(Storage.IAuditLog log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        return Verify(await log.ReadChainAsync(cancellationToken), await log.ReadGuardsAsync(cancellationToken));
    }

    /// <summary>Verifies the entries (oldest first, as <see cref="Storage.IAuditLog.ReadChainAsync"/> returns them).</summary>
    public static AuditVerification Verify(IReadOnlyList<ChainedAuditEntry> chain, AuditLogGuards guards)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(guards);
        var problems = new List<AuditProblem>();
        foreach (var guard in guards.MissingGuards)
            problems.Add(new AuditProblem(0, $"the database no longer protects the log: {guard} is missing"));
        var previous = AuditChain.Genesis.ToArray();
        long expectedId = 1;
        foreach (var (entry, stored) in chain)
        {
            if (entry.Id != expectedId)
            {
                problems.Add(entry.Id > expectedId
                    ? new AuditProblem(entry.Id, expectedId == entry.Id - 1 ? $"entry #{expectedId} was removed" : $"entries #{expectedId}–#{entry.Id - 1} were removed")
                    : new AuditProblem(entry.Id, "entry ids are out of order (an entry was inserted or moved)"));
            }
            var expected = AuditChain.Hash(previous, entry);
            if (stored is null)
                problems.Add(new AuditProblem(entry.Id, "the entry has no chain hash (it was not written by Mosaic)"));
            else if (!stored.AsSpan().SequenceEqual(expected))
                problems.Add(new AuditProblem(entry.Id, "the entry does not match its chain hash (it was changed, or an entry before it was changed, removed or moved)"));
            // Continue from what is stored, so one forged entry is reported once, not for every entry after it.
            previous = stored ?? expected;
            expectedId = Math.Max(expectedId, entry.Id) + 1;
        }
        if (guards.HighestIssuedId >= expectedId)
        {
            problems.Add(new AuditProblem(guards.HighestIssuedId, guards.HighestIssuedId == expectedId
                ? $"entry #{expectedId} (the newest) was removed"
                : $"entries #{expectedId}–#{guards.HighestIssuedId} (the newest) were removed"));
        }
        var head = chain.Count == 0 ? null : chain[^1].Hash is { } h ? Convert.ToHexStringLower(h) : null;
        return new AuditVerification(chain.Count, problems, head);
    }
}
