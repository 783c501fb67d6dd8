namespace Mosaic.Core.Mobility.Import;

/// <summary>Options of a DTM import.</summary>
public sealed record DtmImportOptions
{
    /// <summary>Import the valid records and report the rest, instead of importing nothing when any record is bad.</summary>
    public bool SkipInvalid { get; init; }

    /// <summary>Earliest accepted reporting date (DTM started in 2004; older dates are typing errors).</summary>
    public DateOnly EarliestDate { get; init; } = new(2000, 1, 1);

    /// <summary>Latest accepted reporting date (default: today, UTC, plus one day for time zones).</summary>
    public DateOnly? LatestDate { get; init; }

    /// <summary>When the import runs (stamped on every record's provenance).</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>How CSV files are read (encoding, limits).</summary>
    public Mosaic.Core.Import.Csv.CsvReadOptions Csv { get; init; } = Mosaic.Core.Import.Csv.CsvReadOptions.Default;
}
