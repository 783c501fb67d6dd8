using Mosaic.Core.Import;
using Mosaic.Core.Registry.Validation;

namespace Mosaic.Core.Registry.Import;

/// <summary>
/// Turns a joined submission into a <see cref="Household"/>, applying every rule of
/// <see cref="FieldRules"/> and <see cref="HouseholdRules"/>. Reports every problem of the household and its
/// members (not just the first), each with file, sheet, row, column, value and reason.
/// </summary>
internal sealed partial class SubmissionParser
{
    private readonly FieldMap _hh;
    private readonly FieldMap _members;
    private readonly IReadOnlySet<string> _pcodes;
    private readonly List<ImportIssue> _issues;
    private readonly List<Person> _persons = [];
    private SourceRow? _household;
    private int _householdIssues;

    /// <param name="pcodes">P-codes known to the store: a household's area must be one of them.</param>
    /// <param name="issues">Problems found are appended here.</param>
    public SubmissionParser(FieldMap households, FieldMap members, IReadOnlySet<string> pcodes, List<ImportIssue> issues)
    {
        _hh = households;
        _members = members;
        _pcodes = pcodes;
        _issues = issues;
    }

    /// <summary>The scope an import is limited to (its P-code), or null for any known area.</summary>
    public string? AreaScope { get; init; }

    /// <summary>The P-codes of <see cref="AreaScope"/>'s subtree (required with it).</summary>
    public IReadOnlySet<string>? InScope { get; init; }

    /// <summary>Area boundaries to check GPS points against (null: no check).</summary>
    public HouseholdLocations? Locations { get; init; }

    /// <summary>Warnings about stored households (a GPS point outside its area) are appended here.</summary>
    public List<ImportIssue>? Warnings { get; init; }

    /// <summary>The ranges values must lie in (the mapping's <c>ranges</c>).</summary>
    public PlausibleRanges Ranges { get; init; } = PlausibleRanges.Default;

    /// <summary>Parses and validates one submission.</summary>
    /// <param name="household">The household when the outcome is <see cref="SubmissionOutcome.Valid"/>.</param>
    public SubmissionOutcome Parse(Submission submission, out Household? household)
    {
        household = null;
        var row = submission.Household;
        var before = _issues.Count;
        _household = row;
        _householdIssues = before;

        var id = _hh.Value(row, (int)HouseholdField.SubmissionId);
        var consent = _hh.Value(row, (int)HouseholdField.Consent);
        if (consent == HouseholdRules.ConsentDeclined)
            return SubmissionOutcome.Declined; // nothing of the row is read, stored or echoed
        if (HouseholdRules.Consent(consent) is { } consentProblem)
        {
            // Without consent nothing of the row is validated or echoed: the errors file names the row only.
            Report(_hh, row, (int)HouseholdField.Consent, consent,
                consentProblem + (id is null ? "" : $"; submission {id} not stored"));
            return SubmissionOutcome.NoConsent;
        }
        if (id is null)
            Report(_hh, row, (int)HouseholdField.SubmissionId, null, "submission id missing: it is the key that makes re-imports safe");

        var pcode = _hh.Value(row, (int)HouseholdField.AreaPcode);
        if (pcode is null)
            Report(_hh, row, (int)HouseholdField.AreaPcode, null, "P-code missing");
        else if (!_pcodes.Contains(pcode))
            Report(_hh, row, (int)HouseholdField.AreaPcode, pcode, "unknown P-code: not among the database's areas (import the P-code table first)");
        else if (InScope is not null && !InScope.Contains(pcode))
            Report(_hh, row, (int)HouseholdField.AreaPcode, pcode, $"outside the importing account's area scope {AreaScope}: only households of that area may be imported");

        DateTimeOffset? submittedAt = null;
        if (Text(_hh, row, HouseholdField.SubmissionTime) is { } time)
        {
            if (FieldRules.Timestamp(time, row.Table.IsSpreadsheet, Ranges.SubmissionTime, out var t) is { } problem)
                Report(_hh, row, (int)HouseholdField.SubmissionTime, time, problem);
            else
                submittedAt = t;
        }
        GeoPoint? gps = null;
        if (Text(_hh, row, HouseholdField.Gps) is { } gpsText)
        {
            if (FieldRules.Gps(gpsText, out var point) is { } problem)
                Report(_hh, row, (int)HouseholdField.Gps, gpsText, problem);
            else
                gps = point;
        }
        var shocks = Shocks.None;
        if (Text(_hh, row, HouseholdField.Shocks) is { } shockText)
        {
            Func<string, string?>? recode = _hh.HasRecode((int)HouseholdField.Shocks) ? t => _hh.Recode((int)HouseholdField.Shocks, t) : null;
            if (FieldRules.Shocks(shockText, recode, out shocks) is { } problem)
                Report(_hh, row, (int)HouseholdField.Shocks, shockText, problem);
        }

        var candidate = new Household
        {
            SubmissionId = id ?? "",
            HouseholdCode = _hh.Value(row, (int)HouseholdField.HouseholdCode),
            AreaPcode = pcode ?? "",
            SubmittedAt = submittedAt,
            Gps = gps,
            Dwelling = Choice(_hh, row, (int)HouseholdField.Dwelling, Codes.Dwelling),
            IncomeBefore = Amount(_hh, row, (int)HouseholdField.IncomeBefore, Ranges.IncomeBefore),
            IncomeNow = Amount(_hh, row, (int)HouseholdField.IncomeNow, Ranges.IncomeNow),
            Remittances = YesNo(_hh, row, (int)HouseholdField.Remittances),
            RemittanceAmount = Amount(_hh, row, (int)HouseholdField.RemittanceAmount, Ranges.RemittanceAmount),
            RemittanceChange = Choice(_hh, row, (int)HouseholdField.RemittanceChange, Codes.RemittanceChange),
            Debt = YesNo(_hh, row, (int)HouseholdField.Debt),
            Savings = YesNo(_hh, row, (int)HouseholdField.Savings),
            AssistanceReceived = YesNo(_hh, row, (int)HouseholdField.AssistanceReceived),
            Shocks = shocks,
            ReferenceWelfare = Amount(_hh, row, (int)HouseholdField.ReferenceWelfare, Ranges.ReferenceWelfare),
        };

        _persons.Clear();
        for (var i = 0; i < submission.MemberCount; i++)
        {
            if (ParsePerson(submission.Member(i), i + 1) is { } person)
                _persons.Add(person);
        }
        if (submission.MemberCount == 0)
        {
            var link = _hh.Raw(row, (int)HouseholdField.Link);
            Report(_hh, row, (int)HouseholdField.Link, link,
                $"household has no members: no row of the member table links to it ({_members.ColumnName((int)MemberField.ParentLink)} = {link ?? "(empty)"})");
        }
        else if (submission.MemberCount < Ranges.HouseholdSize.Min || submission.MemberCount > Ranges.HouseholdSize.Max)
        {
            Report(_hh, row, (int)HouseholdField.Link, _hh.Raw(row, (int)HouseholdField.Link),
                $"household has {submission.MemberCount} members: a plausible household has {Ranges.HouseholdSize.Min:0} to {Ranges.HouseholdSize.Max:0} (ranges.household_size in the mapping)");
        }
        else if (_persons.Count == submission.MemberCount && HouseholdRules.Roster(_persons) is { } rosterProblem)
        {
            Report(_hh, row, (int)HouseholdField.Link, _hh.Raw(row, (int)HouseholdField.Link), rosterProblem);
        }

        if (_issues.Count > before)
            return SubmissionOutcome.Rejected;
        if (gps is { } fix && Locations?.Check(candidate.AreaPcode, fix) is { } where)
        {
            Warnings?.Add(new ImportIssue(row.Table.File, row.Table.Sheet, row.RowNumber, _hh.ColumnName((int)HouseholdField.Gps),
                _hh.Raw(row, (int)HouseholdField.Gps) ?? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{fix.Latitude} {fix.Longitude}"), where));
        }
        household = candidate with { Members = [.. _persons] };
        return SubmissionOutcome.Valid;
    }

    private static string? Text(FieldMap map, SourceRow row, HouseholdField field) => map.Value(row, (int)field);

    private void Report(FieldMap map, SourceRow row, int field, string? value, string reason)
    {
        var issue = new ImportIssue(row.Table.File, row.Table.Sheet, row.RowNumber, map.ColumnName(field), value, reason);
        // A household cell copied to every member is reported once, however many members read it.
        for (var i = _householdIssues; i < _issues.Count; i++)
        {
            if (_issues[i] == issue)
                return;
        }
        _issues.Add(issue);
    }

    private TEnum? Choice<TEnum>(FieldMap map, SourceRow row, int field, CodeList<TEnum> list) where TEnum : struct, Enum
    {
        if (map.Value(row, field) is not { } text)
            return null;
        if (list.TryParse(text, out var value))
            return value;
        Report(map, row, field, map.Raw(row, field) ?? text, $"unknown code '{text}'; allowed: {list.Describe()}");
        return null;
    }

    private double? Amount(FieldMap map, SourceRow row, int field, NumberRange range)
    {
        if (map.Value(row, field) is not { } text)
            return null;
        if (FieldRules.Amount(text, range, out var value) is { } problem)
        {
            Report(map, row, field, text, problem);
            return null;
        }
        return value;
    }

    private bool? YesNo(FieldMap map, SourceRow row, int field)
    {
        if (map.Value(row, field) is not { } text)
            return null;
        if (FieldRules.YesNo(text, out var value) is { } problem)
        {
            Report(map, row, field, map.Raw(row, field) ?? text, problem);
            return null;
        }
        return value;
    }
}
