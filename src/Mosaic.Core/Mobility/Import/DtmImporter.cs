using Mosaic.Core.Import;
using Mosaic.Core.Import.Csv;
using Mosaic.Core.Storage;

namespace Mosaic.Core.Mobility.Import;

/// <summary>
/// <c>mosaic import dtm FILE</c>: reads a DTM API JSON response, the DTM/HDX HXL CSV or HDX HAPI's IDP CSV,
/// validates every record, links locations to areas, reports round-numbering anomalies in each series (both
/// records are kept), and writes the records in one transaction, idempotently by record id.
/// </summary>
public static class DtmImporter
{
    /// <summary>Imports one DTM file; the result counts what was stored and lists every rejected record and
    /// warning.</summary>
    /// <param name="areas">The area tree locations link to.</param>
    /// <param name="mobility">Where the records are written.</param>
    /// <param name="source">The file.</param>
    /// <param name="options">How it is read.</param>
    /// <param name="cancellationToken">Stops the import; nothing is written when it stops before the commit.</param>
    public static async Task<DtmImportResult> ImportAsync(IAreaStore areas, IMobilityStore mobility, ImportSource source, DtmImportOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentNullException.ThrowIfNull(mobility);
        ArgumentNullException.ThrowIfNull(source);
        options ??= new DtmImportOptions();
        var read = Read(source, options);
        var errors = new List<ImportIssue>(read.Issues);
        var file = source.Name;
        var sheet = read.Format == DtmJsonReader.Format ? "result" : null;

        // The same record id twice in one file: harmless when identical, an error otherwise.
        var byId = new Dictionary<string, LocationAssessment>(read.Records.Count, StringComparer.Ordinal);
        var records = new List<LocationAssessment>(read.Records.Count);
        foreach (var r in read.Records)
        {
            if (byId.TryGetValue(r.RecordId, out var first))
            {
                if (AssessmentFingerprint.Of(first).AsSpan().SequenceEqual(AssessmentFingerprint.Of(r)))
                    continue;
                errors.Add(new ImportIssue(file, sheet, r.Provenance!.SourceRow, DtmFields.Id, r.SourceId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"record {r.RecordId} appears again with other content (first at row {first.Provenance!.SourceRow})"));
                continue;
            }
            byId[r.RecordId] = r;
            records.Add(r);
        }

        // Round anomalies (a round at two dates, numbering going back) are warnings: both records are kept.
        var roundWarnings = RoundAnomalyCheck.Check(records, await mobility.ReadAssessmentKeysAsync(cancellationToken), file, sheet, read.Column(DtmFields.Round));

        var linker = new AreaLinker(await areas.AllAsync(cancellationToken: cancellationToken));
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            var (pcode, match) = linker.Link(r.Location, file, sheet, r.Provenance!.SourceRow);
            records[i] = r with { AreaPcode = pcode, Match = match };
        }
        var warnings = new List<ImportIssue>(roundWarnings);
        warnings.AddRange(linker.Findings());

        if (errors.Count > 0 && !options.SkipInvalid)
            return new DtmImportResult(read.Format, read.Records.Count, new UpsertCounts(0, 0, 0), errors, warnings, Committed: false);
        var counts = await mobility.UpsertAssessmentsAsync(records, cancellationToken);
        return new DtmImportResult(read.Format, read.Records.Count, counts, errors, warnings, Committed: true);
    }

    /// <summary>Reads a DTM file of any supported layout without storing it.</summary>
    public static DtmReadResult Read(ImportSource source, DtmImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        if (source.Extension == ".json")
            return DtmJsonReader.Read(source, options);
        HeaderIndex header;
        using (var csv = CsvReader.Open(source, options.Csv))
        {
            if (!csv.Read())
                return new DtmReadResult("unknown", [], [new ImportIssue(source.Name, null, 1, null, null, "the file is empty")]);
            header = new HeaderIndex(csv.Fields);
        }
        if (DtmHxlCsvReader.Recognises(header))
            return DtmHxlCsvReader.Read(source, options);
        if (HapiIdpCsvReader.Recognises(header))
            return HapiIdpCsvReader.Read(source, options);
        return new DtmReadResult("unknown", [], [new ImportIssue(source.Name, null, 1, null, null,
            "not a DTM file: expected a DTM API JSON response (.json), the DTM/HDX CSV (columns numPresentIdpInd, roundNumber, …) " +
            "or HDX HAPI's IDP CSV (columns location_code, population, reporting_round, …)")]);
    }
}

/// <summary>What a DTM import did.</summary>
/// <param name="Errors">Rejected records (nothing is written when there are any, unless skipping invalid records).</param>
/// <param name="Warnings">Round anomalies, unknown P-codes and name-only area links: the records are kept.</param>
public sealed record DtmImportResult(string Format, int RecordsRead, UpsertCounts Counts, IReadOnlyList<ImportIssue> Errors, IReadOnlyList<ImportIssue> Warnings, bool Committed);
