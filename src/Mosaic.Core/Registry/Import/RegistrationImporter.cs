using Mosaic.Core.Import;
using Mosaic.Core.Storage;

namespace Mosaic.Core.Registry.Import;

/// <summary>
/// Imports KoboToolbox / ODK registration exports into the registry in one transaction: streams the household
/// and member rows side by side, validates each household whole, and skips submissions already stored with the
/// same content (idempotent by submission id). Without <see cref="RegistrationImportOptions.SkipInvalid"/>, any
/// rejected row rolls the whole file back.
/// </summary>
public static class RegistrationImporter
{
    private const int ProgressEvery = 4096;

    /// <param name="store">The unit of work imported into.</param>
    /// <param name="input">The export's tables.</param>
    /// <param name="mapping">How its columns map to fields.</param>
    /// <param name="options">Invalid rows, scope and progress.</param>
    /// <param name="cancellationToken">Checked between chunks of households: cancelled before the commit, nothing is stored.</param>
    /// <exception cref="RegistrationInputException">The input's layout cannot be imported at all.</exception>
    public static async Task<RegistrationImportResult> ImportAsync(IMosaicStore store, RegistrationInput input, RegistrationMapping? mapping = null,
        RegistrationImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        mapping ??= RegistrationMapping.Default;
        options ??= new RegistrationImportOptions();
        var pcodes = new HashSet<string>(StringComparer.Ordinal);
        var areas = await store.Areas.AllAsync(withBoundaries: true, cancellationToken);
        foreach (var area in areas)
            pcodes.Add(area.Pcode);
        var locations = new HouseholdLocations(areas);
        var inScope = options.AreaScope is { } scope
            ? (await store.Areas.SubtreeAsync(scope, cancellationToken: cancellationToken)).Select(a => a.Pcode).ToHashSet(StringComparer.Ordinal)
            : null;

        var result = await RunAsync(store, input, mapping, options, pcodes, inScope, locations, JoinMode.Merge, cancellationToken).ConfigureAwait(false);
        // Members not grouped in household order: the merge left some unmatched. Redo with buffering (correct for any order).
        return result ?? (await RunAsync(store, input, mapping, options, pcodes, inScope, locations, JoinMode.Buffered, cancellationToken)
            .ConfigureAwait(false))!;
    }

    /// <returns>Null when a merge join found members out of order (everything was rolled back).</returns>
    private static async Task<RegistrationImportResult?> RunAsync(IMosaicStore store, RegistrationInput input, RegistrationMapping mapping,
        RegistrationImportOptions options, HashSet<string> pcodes, HashSet<string>? inScope, HouseholdLocations locations, JoinMode mode,
        CancellationToken cancellationToken)
    {
        using var tables = input.Open(mapping);
        var (hhMap, memberMap, copied) = ResolveColumns(tables, mapping);
        var issues = new List<ImportIssue>();
        var warnings = new List<ImportIssue>();
        long valid, duplicates, conflicts;
        var parser = new SubmissionParser(hhMap, memberMap, pcodes, issues)
        {
            Locations = locations,
            Warnings = warnings,
            MembersFromHousehold = copied,
            Ranges = mapping.Ranges,
            AreaScope = options.AreaScope,
            InScope = inScope,
        };
        var reader = new SubmissionReader(tables.Households, tables.Members,
            hhMap.Column((int)HouseholdField.Link), memberMap.Column((int)MemberField.ParentLink), mode);

        await using var batch = await store.Registry.BeginImportAsync(input.Source.Name, cancellationToken).ConfigureAwait(false);
        long rejected = 0, declined = 0, nextProgress = 0;
        var idColumn = hhMap.ColumnName((int)HouseholdField.SubmissionId);
        using (var writer = new RegistrationWriter(batch))
        {
            while (reader.Read(out var submission))
            {
                switch (parser.Parse(submission, out var household))
                {
                    case SubmissionOutcome.Valid:
                        await writer.AddAsync(household!, HouseholdFingerprint.Compute(household!), submission.Household, idColumn).ConfigureAwait(false);
                        break;
                    case SubmissionOutcome.Declined:
                        declined++;
                        break;
                    default:
                        rejected++;
                        break;
                }
                var rows = reader.HouseholdRowsRead + reader.MemberRowsRead;
                if (rows >= nextProgress)
                {
                    // Between chunks: cancelled here, the batch is disposed uncommitted and nothing is stored.
                    cancellationToken.ThrowIfCancellationRequested();
                    options.Progress?.Invoke(new RegistrationProgress(rows, tables.BytesRead, tables.TotalBytes));
                    nextProgress = rows + ProgressEvery;
                }
            }
            await writer.CompleteAsync().ConfigureAwait(false);
            valid = writer.Imported;
            duplicates = writer.Duplicates;
            conflicts = writer.Conflicts.Count;
            rejected += conflicts;
            issues.AddRange(writer.Conflicts);
        }
        if (mode == JoinMode.Merge && reader.HasUnmatchedMembers)
            return null;

        var unmatched = new List<SourceRow>(reader.UnmatchedMembers());
        unmatched.Sort((a, b) => a.RowNumber.CompareTo(b.RowNumber));
        var parentColumn = memberMap.ColumnName((int)MemberField.ParentLink);
        foreach (var row in unmatched)
        {
            var parent = memberMap.Raw(row, (int)MemberField.ParentLink);
            issues.Add(new ImportIssue(row.Table.File, row.Table.Sheet, row.RowNumber, parentColumn, parent,
                parent is null ? "member row without a link to its household" : "member row links to no household row"));
        }

        // Conflicts are found on the writer thread: put every issue back in input order per table.
        var householdTable = tables.Households.Table;
        var ordered = issues
            .OrderBy(i => i.File == householdTable.File && i.Sheet == householdTable.Sheet ? 0 : 1)
            .ThenBy(i => i.Row)
            .ToList();
        // The last progress report comes before the commit: it is the last point at which a cancellation can stop
        // the import (a report after the commit could cancel an import that is already stored).
        options.Progress?.Invoke(new RegistrationProgress(reader.HouseholdRowsRead + reader.MemberRowsRead, tables.TotalBytes, tables.TotalBytes));
        cancellationToken.ThrowIfCancellationRequested();
        var commit = issues.Count == 0 || options.SkipInvalid;
        // What the store reports, not what was added: another import may have committed some of the same
        // submissions meanwhile; those were skipped as duplicates.
        var stored = commit ? await batch.CommitAsync(cancellationToken).ConfigureAwait(false) : new RegistrationCommitted(0, 0);
        if (commit)
            duplicates += valid - stored.Households;
        return new RegistrationImportResult
        {
            Committed = commit,
            HouseholdsImported = stored.Households,
            PersonsImported = stored.Persons,
            HouseholdsValid = valid,
            HouseholdsRejected = rejected,
            HouseholdsDeclined = declined,
            RowsRejected = CountRows(ordered),
            DuplicatesSkipped = duplicates,
            Conflicts = conflicts,
            HouseholdRowsRead = reader.HouseholdRowsRead,
            MemberRowsRead = reader.MemberRowsRead + unmatched.Count,
            JoinMode = mode,
            Issues = ordered,
            // A household that is a conflict or a duplicate was not stored as read: its warning is moot but harmless.
            Warnings = warnings,
        };
    }

    private static long CountRows(List<ImportIssue> issues)
    {
        var rows = new HashSet<(string, string?, long)>();
        foreach (var i in issues)
            rows.Add((i.File, i.Sheet, i.Row));
        return rows.Count;
    }

    /// <summary>Resolves the mapping against both headers and checks the columns an import cannot do without.</summary>
    private static (FieldMap Households, FieldMap Members, FieldMap? MembersFromHousehold) ResolveColumns(RegistrationTables tables,
        RegistrationMapping mapping)
    {
        var hh = new FieldMap(tables.Households.Table, RegistrationFields.Household, mapping.HouseholdSources,
            mapping.HouseholdRecodes, mapping.HouseholdDefaults, mapping.HouseholdExplicit);
        // Member fields copied from a household column are read through a second map over the household table;
        // the member map then has no column (and no default) for them.
        var fromHousehold = mapping.MemberFromHousehold;
        var memberSources = new IReadOnlyList<string>[fromHousehold.Length];
        var copiedSources = new IReadOnlyList<string>[fromHousehold.Length];
        var memberDefaults = new string?[fromHousehold.Length];
        var copiedDefaults = new string?[fromHousehold.Length];
        for (var i = 0; i < fromHousehold.Length; i++)
        {
            var copy = fromHousehold[i];
            memberSources[i] = copy ? [] : mapping.MemberSources[i];
            copiedSources[i] = copy ? mapping.MemberSources[i] : [];
            memberDefaults[i] = copy ? null : mapping.MemberDefaults[i];
            copiedDefaults[i] = copy ? mapping.MemberDefaults[i] : null;
        }
        var members = new FieldMap(tables.Members.Table, RegistrationFields.Member, memberSources,
            mapping.MemberRecodes, memberDefaults, mapping.MemberExplicit.Select((e, i) => e && !fromHousehold[i]).ToArray());
        var copied = fromHousehold.Contains(true)
            ? new FieldMap(tables.Households.Table, RegistrationFields.Member, copiedSources, mapping.MemberRecodes, copiedDefaults, fromHousehold)
            : null;

        // The link is a pair (Kobo _index ↔ _parent_index, ODK KEY ↔ PARENT_KEY, …): pick the first pair both tables have.
        var linkNames = mapping.HouseholdSources[(int)HouseholdField.Link];
        var parentNames = mapping.MemberSources[(int)MemberField.ParentLink];
        if (linkNames.Count == parentNames.Count)
        {
            var hhLookup = new HeaderLookup(tables.Households.Table.Headers);
            var memberLookup = new HeaderLookup(tables.Members.Table.Headers);
            for (var i = 0; i < linkNames.Count; i++)
            {
                int l = hhLookup.Find(linkNames[i]), p = memberLookup.Find(parentNames[i]);
                if (l >= 0 && p >= 0)
                {
                    hh.SetColumn((int)HouseholdField.Link, l);
                    members.SetColumn((int)MemberField.ParentLink, p);
                    break;
                }
            }
        }

        var missing = new List<string>();
        MappedColumnsExist(hh, "household", RegistrationFields.Household, mapping.HouseholdSources, mapping.HouseholdExplicit, (int)HouseholdField.Link, missing);
        MappedColumnsExist(members, "members", RegistrationFields.Member, memberSources, members.Explicit, (int)MemberField.ParentLink, missing);
        if (copied is not null)
            MappedColumnsExist(copied, "members", RegistrationFields.Member, copiedSources, fromHousehold, (int)MemberField.ParentLink, missing, "household column");
        Require(hh, (int)HouseholdField.SubmissionId, mapping.HouseholdSources, "the submission id", missing);
        Require(hh, (int)HouseholdField.Link, mapping.HouseholdSources, "the household row link", missing);
        Require(hh, (int)HouseholdField.Consent, mapping.HouseholdSources, "consent", missing);
        Require(hh, (int)HouseholdField.AreaPcode, mapping.HouseholdSources, "the P-code (or a default in the mapping)", missing);
        Require(members, (int)MemberField.ParentLink, mapping.MemberSources, "the member's link to its household", missing);
        if (missing.Count > 0)
            throw new RegistrationInputException("cannot import: " + string.Join("; ", missing));
        return (hh, members, copied);
    }

    /// <summary>A column the mapping file names must be in the table: a typo would otherwise read as "missing" for everyone.</summary>
    private static void MappedColumnsExist(FieldMap map, string level, IReadOnlyList<RegistrationField> fields,
        IReadOnlyList<string>[] sources, bool[] explicitSources, int link, List<string> missing, string what = "column")
    {
        var lookup = new HeaderLookup(map.Table.Headers);
        var where = map.Table.Sheet is null ? map.Table.File : $"{map.Table.File} [{map.Table.Sheet}]";
        for (var i = 0; i < fields.Count; i++)
        {
            if (!explicitSources[i] || i == link)
                continue;
            foreach (var name in sources[i])
            {
                if (lookup.Find(name) >= 0 || (fields[i].IsGeopoint && map.HasColumn(i)))
                    continue;
                var close = CloseNames.Among(name, map.Table.Headers);
                missing.Add($"the mapping's {level}.{fields[i].Name} names {what} '{name}', which {where} does not have" +
                            (close.Count > 0 ? $" (close: {string.Join(", ", close)})" : ""));
            }
        }
    }

    private static void Require(FieldMap map, int field, IReadOnlyList<string>[] sources, string what, List<string> missing)
    {
        if (map.Has(field))
            return;
        var where = map.Table.Sheet is null ? map.Table.File : $"{map.Table.File} [{map.Table.Sheet}]";
        missing.Add($"{where} has no column for {what}: looked for {string.Join(", ", sources[field])}");
    }
}
