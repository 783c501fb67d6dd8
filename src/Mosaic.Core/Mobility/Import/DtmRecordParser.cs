using System.Globalization;
using Mosaic.Core.Import;

namespace Mosaic.Core.Mobility.Import;

/// <summary>
/// Turns one DTM displacement record (its fields as text, from the API JSON or the HDX CSV) into a validated
/// <see cref="LocationAssessment"/>, or reports why not: every problem names the record and the field.
/// </summary>
/// <param name="columnNames">Column names of a layout that renames DTM fields (HDX HAPI), for error messages.</param>
internal sealed class DtmRecordParser(
    string file, string? sheet, DateOnly earliest, DateOnly latest, DateTimeOffset now, List<ImportIssue> issues,
    IReadOnlyDictionary<string, string>? columnNames = null)
{
    /// <param name="get">The field's text by DTM field name; null or empty when absent.</param>
    /// <param name="declaredLevel">The CSV's <c>adminLevel</c>, or null to infer it from the admin fields present (JSON).</param>
    public LocationAssessment? Parse(Func<string, string?> get, long row, int? declaredLevel = null)
    {
        var before = issues.Count;
        var idText = Text(get(DtmFields.Id));
        var label = idText is null ? "record without id" : $"record {idText}";
        void Fail(string field, string? value, string reason) =>
            issues.Add(new ImportIssue(file, sheet, row, Column(field), value, $"{label}: {reason}"));

        long? sourceId = null;
        if (idText is not null)
        {
            if (long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                sourceId = id;
            else
                Fail(DtmFields.Id, idText, "id must be a whole number");
        }

        var location = new AssessmentLocation(0,
            Text(get(DtmFields.Admin0Pcode)), Text(get(DtmFields.Admin0Name)),
            Text(get(DtmFields.Admin1Pcode)), Text(get(DtmFields.Admin1Name)),
            Text(get(DtmFields.Admin2Pcode)), Text(get(DtmFields.Admin2Name)));
        var localPcode = Text(get(DtmFields.LocationPcode));
        var localName = Text(get(DtmFields.LocationName));
        var inferred = localPcode is not null || localName is not null ? Math.Max(declaredLevel ?? 3, 3)
            : location.Admin2Pcode is not null || location.Admin2Name is not null ? 2
            : location.Admin1Pcode is not null || location.Admin1Name is not null ? 1 : 0;
        var level = declaredLevel ?? inferred;
        if (level != inferred)
            Fail(DtmFields.AdminLevel, level.ToString(CultureInfo.InvariantCulture), $"admin level {level} does not match the admin fields given (level {inferred})");
        location = location with { AdminLevel = level, LocalPcode = localPcode, LocalName = localName };
        if (location.Admin0Pcode is null)
            Fail(DtmFields.Admin0Pcode, null, "country code is missing");

        var typeText = Text(get(DtmFields.AssessmentType));
        if (!MobilityCodes.TryParseAssessmentType(typeText, out var type))
            Fail(DtmFields.AssessmentType, typeText, $"unknown assessment type (expected {MobilityCodes.AssessmentType.Describe()})");

        var round = Whole(get, DtmFields.Round, Fail, required: true, max: int.MaxValue);
        // Round 0 is real: DTM numbers some pre-baseline or emergency rounds 0. Negative rounds are caught as negative counts.

        var date = ParseDate(get, Fail);
        var total = Whole(get, DtmFields.Idps, Fail, required: true, max: MaxCount);
        var males = Whole(get, DtmFields.Males, Fail, required: false, max: MaxCount);
        var females = Whole(get, DtmFields.Females, Fail, required: false, max: MaxCount);
        if (total is { } t && (males ?? 0) + (females ?? 0) > t)
        {
            Fail(males is null ? DtmFields.Females : DtmFields.Males, $"{males ?? 0} + {females ?? 0}",
                $"{Column(DtmFields.Males)} + {Column(DtmFields.Females)} ({(males ?? 0) + (females ?? 0)}) exceed {Column(DtmFields.Idps)} ({t})");
        }

        if (issues.Count > before || date is null || round is null || total is null)
            return null;

        var originPcode = Available(get(DtmFields.OriginPcode));
        var reason = Text(get(DtmFields.Reason));
        var operation = Text(get(DtmFields.Operation));
        var recordId = sourceId is { } sid
            ? $"dtm:adm{level}:{sid.ToString(CultureInfo.InvariantCulture)}"
            : $"dtm:adm{level}:{operation}|{location.Pcode}|{MobilityCodes.AssessmentType[type]}|{round}|{date:yyyy-MM-dd}|{reason}|{originPcode}";
        return new LocationAssessment
        {
            RecordId = recordId,
            SourceId = sourceId,
            Dataset = "dtm",
            Operation = operation,
            OperationStatus = Text(get(DtmFields.OperationStatus)),
            Type = type,
            Round = (int)round.Value,
            ReportingDate = date.Value,
            Location = location,
            Counts = [new PopulationCount(PopulationType.Idp, total, null, males, females)],
            OriginPcode = originPcode,
            OriginName = Available(get(DtmFields.OriginName)),
            DisplacementReason = reason,
            Provenance = new Provenance(file, row, now),
        };
    }

    /// <summary>
    /// The largest count accepted: more than everyone alive is a typing or unit error, and the bound keeps every
    /// sum of counts far from the 64-bit limit.
    /// </summary>
    public const long MaxCount = 10_000_000_000;

    // The API and HDX write midnight timestamps ("2017-03-30T00:00:00"); HDX HAPI writes a time and an offset
    // ("2010-11-30 00:00:00+00:00") in most of its versions. The date is the one written, never shifted by the offset.
    private static readonly string[] s_timestampFormats =
        [.. new[] { "'T'", " " }.SelectMany(sep => new[] { $"yyyy-MM-dd{sep}HH:mm:ss", $"yyyy-MM-dd{sep}HH:mm:ss.FFFFFFF" })
            .SelectMany(f => new[] { f, f + "K" })];

    private string Column(string field) => columnNames?.GetValueOrDefault(field) ?? field;

    /// <summary>Parses a reporting date: <c>yyyy-MM-dd</c>, optionally followed by a time and an offset.</summary>
    internal static DateOnly? ParseReportingDate(string text)
    {
        if (text.Length == 10)
            return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var plain) ? plain : null;
        return DateTimeOffset.TryParseExact(text, s_timestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stamp)
            ? DateOnly.FromDateTime(stamp.DateTime)
            : null;
    }

    private DateOnly? ParseDate(Func<string, string?> get, Action<string, string?, string> fail)
    {
        var text = Text(get(DtmFields.ReportingDate));
        if (text is null)
        {
            fail(DtmFields.ReportingDate, null, "reporting date is missing");
            return null;
        }
        if (ParseReportingDate(text) is not { } date)
        {
            fail(DtmFields.ReportingDate, text, "not a date (expected yyyy-MM-dd, yyyy-MM-ddT00:00:00 or yyyy-MM-dd 00:00:00+00:00)");
            return null;
        }
        var datePart = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (date < earliest || date > latest)
        {
            fail(DtmFields.ReportingDate, text, $"reporting date out of range ({earliest:yyyy-MM-dd} to {latest:yyyy-MM-dd})");
            return null;
        }
        if (Text(get(DtmFields.Year)) is { } y && y != date.Year.ToString(CultureInfo.InvariantCulture))
            fail(DtmFields.Year, y, $"year does not match the reporting date {datePart}");
        if (Text(get(DtmFields.Month)) is { } m && m != date.Month.ToString(CultureInfo.InvariantCulture))
            fail(DtmFields.Month, m, $"month does not match the reporting date {datePart}");
        return date;
    }

    private long? Whole(Func<string, string?> get, string field, Action<string, string?, string> fail, bool required, long max)
    {
        var text = Text(get(field));
        if (text is null)
        {
            if (required)
                fail(field, null, $"{Column(field)} is missing");
            return null;
        }
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            fail(field, text, "not a whole number");
            return null;
        }
        if (value < 0)
        {
            fail(field, text, "count is negative");
            return null;
        }
        if (value > max)
        {
            fail(field, text, field == DtmFields.Round
                ? $"round number above {max.ToString("#,0", CultureInfo.InvariantCulture)}"
                : $"count above {max.ToString("#,0", CultureInfo.InvariantCulture)} (more than the world's population: a typing or unit error)");
            return null;
        }
        return value;
    }

    private static string? Text(string? value)
    {
        if (value is null)
            return null;
        var t = value.Trim();
        return t.Length == 0 ? null : t;
    }

    private static string? Available(string? value)
    {
        var t = Text(value);
        return t is null || t.Equals(DtmFields.NotAvailable, StringComparison.OrdinalIgnoreCase) ? null : t;
    }
}
