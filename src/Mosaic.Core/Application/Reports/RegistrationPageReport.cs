using Mosaic.Core.Privacy;
using Mosaic.Core.Registry;
using Mosaic.Core.Storage;

namespace Mosaic.Core.Application.Reports;

/// <summary>
/// A page of registrations with contacts, as read through the audited door (<see cref="RegistrationRead"/>): the
/// answer exists only once its audit entry is committed.
/// </summary>
/// <param name="Total">Households in the area read (all pages).</param>
/// <param name="Offset">Where this page starts.</param>
/// <param name="AuditEntryId">The audit log entry recording this read.</param>
/// <param name="Households">This page's households.</param>
public sealed record RegistrationPageReport(long Total, int Offset, long AuditEntryId, IReadOnlyList<RegistrationReport> Households)
{
    /// <summary>The report of a page read, with area names from <paramref name="areas"/>.</summary>
    public static RegistrationPageReport Of(RegistrationPage page, IAreaStore areas)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(areas);
        return new RegistrationPageReport(page.Total, page.Offset, page.AuditEntryId, [.. page.Households.Select(r => RegistrationReport.Of(r, areas))]);
    }
}

/// <summary>One household: codes, area, when registered, contact and roster (no GPS point).</summary>
/// <param name="SubmissionId">The form submission's id.</param>
/// <param name="HouseholdCode">The household code, when the form had one.</param>
/// <param name="AreaPcode">Its area.</param>
/// <param name="AreaName">The area's name, when the area is stored.</param>
/// <param name="SubmittedAt">When the form was submitted.</param>
/// <param name="HeadName">The head's name (personal data).</param>
/// <param name="Phone">The household's phone (personal data).</param>
/// <param name="Members">The roster.</param>
public sealed record RegistrationReport(
    string SubmissionId, string? HouseholdCode, string AreaPcode, string? AreaName, DateTimeOffset? SubmittedAt,
    string? HeadName, string? Phone, IReadOnlyList<MemberReport> Members)
{
    /// <summary>The report of a household read with its contact.</summary>
    public static RegistrationReport Of(RegisteredHousehold registered, IAreaStore areas)
    {
        ArgumentNullException.ThrowIfNull(registered);
        ArgumentNullException.ThrowIfNull(areas);
        var h = registered.Household;
        return new RegistrationReport(h.SubmissionId, h.HouseholdCode, h.AreaPcode, areas.Get(h.AreaPcode)?.Name, h.SubmittedAt,
            registered.Contact?.Name, registered.Contact?.Phone,
            [.. h.Members.Select(m => new MemberReport(m.LineNumber, m.Relation, m.Sex, m.Age, m.MigratoryStatus))]);
    }
}

/// <summary>A roster member as a registration read shows it.</summary>
/// <param name="Line">Its line in the roster.</param>
/// <param name="Relation">Relation to the head.</param>
/// <param name="Sex">Sex.</param>
/// <param name="Age">Age in completed years, when known.</param>
/// <param name="MigratoryStatus">Migratory status.</param>
public sealed record MemberReport(int Line, Relation Relation, Sex Sex, int? Age, MigratoryStatus MigratoryStatus);
