using Mosaic.Core.Registry.Validation;

namespace Mosaic.Core.Registry.Import;

internal sealed partial class SubmissionParser
{
    /// <summary>
    /// Member fields a mapping copies from a household column, read from the household row (null: none). A bad
    /// value there is reported once, on the household row, not once per member.
    /// </summary>
    public FieldMap? MembersFromHousehold { get; init; }

    /// <summary>Where a member field is read: the member row, or the household row for a copied field.</summary>
    private (FieldMap Map, SourceRow Row) Source(SourceRow member, MemberField field) =>
        MembersFromHousehold is { } copied && copied.Explicit[(int)field] ? (copied, _household!) : (_members, member);

    /// <summary>Parses one member row; null when it has a problem (reported).</summary>
    private Person? ParsePerson(SourceRow row, int line)
    {
        var before = _issues.Count;

        int? age = null;
        var (m, r) = Source(row, MemberField.Age);
        if (m.Value(r, (int)MemberField.Age) is { } ageText)
        {
            if (FieldRules.Age(ageText, Ranges.Age, out var a) is { } problem)
                Report(m, r, (int)MemberField.Age, ageText, problem);
            else
                age = a;
        }
        string? country = null;
        (m, r) = Source(row, MemberField.PreviousCountry);
        if (m.Value(r, (int)MemberField.PreviousCountry) is { } countryText)
        {
            if (FieldRules.Country(countryText, out var c) is { } problem)
                Report(m, r, (int)MemberField.PreviousCountry, countryText, problem);
            else
                country = c;
        }
        DateOnly? moveDate = null;
        (m, r) = Source(row, MemberField.MoveDate);
        if (m.Value(r, (int)MemberField.MoveDate) is { } dateText)
        {
            if (FieldRules.Date(dateText, r.Table.IsSpreadsheet, Ranges.MoveDate, out var d) is { } problem)
                Report(m, r, (int)MemberField.MoveDate, dateText, problem);
            else
                moveDate = d;
        }

        // Missing sex, relation or status read as the lists' "unknown"/"other" (the form requires them; other
        // forms may not have them). A wrong code is always an error.
        var person = new Person
        {
            LineNumber = line,
            Name = Text(row, MemberField.Name),
            Phone = Text(row, MemberField.Phone),
            Sex = Choice(row, MemberField.Sex, Codes.Sex) ?? Sex.Unknown,
            Age = age,
            Relation = Choice(row, MemberField.Relation, Codes.Relation) ?? Relation.Other,
            MigratoryStatus = Choice(row, MemberField.MigratoryStatus, Codes.MigratoryStatus) ?? MigratoryStatus.Unknown,
            PreviousCountry = country,
            PreviousPcode = Text(row, MemberField.PreviousPcode),
            MoveDate = moveDate,
            MoveReason = Choice(row, MemberField.MoveReason, Codes.MoveReason),
            // WG-SS answers are validated and kept as given at any age; the disability flag ignores them under 5.
            WashingtonGroup = new WashingtonGroupAnswers(
                Wg(row, MemberField.WgSeeing), Wg(row, MemberField.WgHearing), Wg(row, MemberField.WgWalking),
                Wg(row, MemberField.WgRemembering), Wg(row, MemberField.WgSelfCare), Wg(row, MemberField.WgCommunicating)),
            InSchool = YesNo(row, MemberField.InSchool),
            EmployedBefore = YesNo(row, MemberField.EmployedBefore),
            EmployedNow = YesNo(row, MemberField.EmployedNow),
        };
        return _issues.Count > before ? null : person;
    }

    private string? Text(SourceRow member, MemberField field)
    {
        var (map, row) = Source(member, field);
        return map.Value(row, (int)field);
    }

    private TEnum? Choice<TEnum>(SourceRow member, MemberField field, CodeList<TEnum> list) where TEnum : struct, Enum
    {
        var (map, row) = Source(member, field);
        return Choice(map, row, (int)field, list);
    }

    private bool? YesNo(SourceRow member, MemberField field)
    {
        var (map, row) = Source(member, field);
        return YesNo(map, row, (int)field);
    }

    private byte? Wg(SourceRow member, MemberField field)
    {
        var (map, row) = Source(member, field);
        if (map.Value(row, (int)field) is not { } text)
            return null;
        if (FieldRules.WashingtonGroup(text, out var answer) is { } problem)
        {
            Report(map, row, (int)field, text, problem);
            return null;
        }
        return answer;
    }
}
