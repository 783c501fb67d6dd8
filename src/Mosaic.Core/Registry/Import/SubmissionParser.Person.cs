using Mosaic.Core.Registry.Validation;

namespace Mosaic.Core.Registry.Import;

public sealed partial class SubmissionParser
{
    /// <summary>Parses one member row; null when it has a problem (reported).</summary>
    private Person? ParsePerson(SourceRow row, int line)
    {
        var m = _members;
        var before = _issues.Count;

        int? age = null;
        if (m.Value(row, (int)MemberField.Age) is { } ageText)
        {
            if (FieldRules.Age(ageText, out var a) is { } problem)
                Report(m, row, (int)MemberField.Age, ageText, problem);
            else
                age = a;
        }
        string? country = null;
        if (m.Value(row, (int)MemberField.PreviousCountry) is { } countryText)
        {
            if (FieldRules.Country(countryText, out var c) is { } problem)
                Report(m, row, (int)MemberField.PreviousCountry, countryText, problem);
            else
                country = c;
        }
        DateOnly? moveDate = null;
        if (m.Value(row, (int)MemberField.MoveDate) is { } dateText)
        {
            if (FieldRules.Date(dateText, row.Table.IsSpreadsheet, out var d) is { } problem)
                Report(m, row, (int)MemberField.MoveDate, dateText, problem);
            else
                moveDate = d;
        }

        // Missing sex, relation or status read as the lists' "unknown"/"other" (the form requires them; other
        // forms may not have them). A wrong code is always an error.
        var person = new Person
        {
            LineNumber = line,
            Name = m.Value(row, (int)MemberField.Name),
            Phone = m.Value(row, (int)MemberField.Phone),
            Sex = Choice(m, row, (int)MemberField.Sex, Codes.Sex) ?? Sex.Unknown,
            Age = age,
            Relation = Choice(m, row, (int)MemberField.Relation, Codes.Relation) ?? Relation.Other,
            MigratoryStatus = Choice(m, row, (int)MemberField.MigratoryStatus, Codes.MigratoryStatus) ?? MigratoryStatus.Unknown,
            PreviousCountry = country,
            PreviousPcode = m.Value(row, (int)MemberField.PreviousPcode),
            MoveDate = moveDate,
            MoveReason = Choice(m, row, (int)MemberField.MoveReason, Codes.MoveReason),
            // WG-SS answers are validated and kept as given at any age; the disability flag ignores them under 5.
            WashingtonGroup = new WashingtonGroupAnswers(
                Wg(row, MemberField.WgSeeing), Wg(row, MemberField.WgHearing), Wg(row, MemberField.WgWalking),
                Wg(row, MemberField.WgRemembering), Wg(row, MemberField.WgSelfCare), Wg(row, MemberField.WgCommunicating)),
            InSchool = YesNo(m, row, (int)MemberField.InSchool),
            EmployedBefore = YesNo(m, row, (int)MemberField.EmployedBefore),
            EmployedNow = YesNo(m, row, (int)MemberField.EmployedNow),
        };
        return _issues.Count > before ? null : person;
    }

    private byte? Wg(SourceRow row, MemberField field)
    {
        if (_members.Value(row, (int)field) is not { } text)
            return null;
        if (FieldRules.WashingtonGroup(text, out var answer) is { } problem)
        {
            Report(_members, row, (int)field, text, problem);
            return null;
        }
        return answer;
    }
}
