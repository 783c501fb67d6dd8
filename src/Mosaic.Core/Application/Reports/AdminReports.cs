using System.Globalization;
using Mosaic.Core.Access;

namespace Mosaic.Core.Application.Reports;

/// <summary>What <c>mosaic init</c> reports: the database and its schema version.</summary>
public sealed record DatabaseReport(string Database, int SchemaVersion);

/// <summary>A command that failed, under <c>--json</c>: the message and the exit code.</summary>
public sealed record ErrorReport(string Error, int ExitCode);

/// <summary>What <c>mosaic cluster init</c> reports: the coordinator and one line per shard.</summary>
public sealed record ClusterReport(string Coordinator, IReadOnlyList<string> Shards);

/// <summary>What <c>mosaic audit list</c> reports.</summary>
public sealed record AuditListReport(IReadOnlyList<AuditEntryReport> Entries);

/// <summary>One audit entry; <see cref="At"/> is UTC with milliseconds (<c>2026-12-01T17:45:25.123Z</c>).</summary>
public sealed record AuditEntryReport(
    long Id, string At, string Actor, string Action, string? Subject, string? Scope, long Households, long Persons, string? CommandLine);

/// <summary>What <c>mosaic audit verify</c> reports: whether the hash chain holds, and each broken link.</summary>
public sealed record AuditVerifyReport(bool Intact, long Entries, string? HeadHash, IReadOnlyList<AuditProblemReport> Problems);

/// <summary>A broken link of the audit chain: the entry and why.</summary>
public sealed record AuditProblemReport(long Entry, string Reason);

/// <summary>
/// A user account as <c>mosaic users list</c> and <c>GET /api/users</c> show it (no password, no token);
/// <see cref="CreatedAt"/> is UTC to the second (<c>2026-12-01T17:45:25Z</c>).
/// </summary>
public sealed record UserReport(string UserName, string Role, string? Scope, bool Disabled, string CreatedAt)
{
    /// <summary>The report of a stored account; <see cref="CreatedAt"/> is written in UTC to the second (ISO 8601,
    /// <c>Z</c>).</summary>
    public static UserReport Of(UserAccount user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new UserReport(user.UserName, Roles.Code(user.Role), user.Scope, user.Disabled,
            user.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
    }
}

/// <summary>What <c>mosaic users list</c> reports.</summary>
public sealed record UserListReport(IReadOnlyList<UserReport> Users);

/// <summary>What <c>POST /api/users</c> returns: the account added and its generated password (shown once, here).</summary>
public sealed record AddedAccountReport(UserReport User, string? GeneratedPassword);

/// <summary>What <c>mosaic users add</c> reports; the generated password is shown once, here.</summary>
public sealed record AddedUserReport(string UserName, string Role, string? Scope, string? GeneratedPassword);

/// <summary>What <c>mosaic users disable</c> (or enable) reports.</summary>
public sealed record UserStateReport(string UserName, bool Disabled);

/// <summary>What <c>mosaic users token</c> reports; the token is shown once, here.</summary>
public sealed record IssuedTokenReport(string UserName, string Name, string Token);

/// <summary>What <c>mosaic indicators list</c> reports.</summary>
public sealed record IndicatorListReport(int CatalogueVersion, IReadOnlyList<IndicatorReport> Indicators)
{
    /// <summary>The report of a catalogue: every indicator in its order.</summary>
    public static IndicatorListReport Of(Indicators.IndicatorCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        return new IndicatorListReport(catalogue.Version, [.. catalogue.Indicators.Select(IndicatorReport.Of)]);
    }
}

/// <summary>One indicator of the catalogue, with its SDG and GCM tags.</summary>
/// <param name="Id">The indicator's id.</param>
/// <param name="Version">Its definition's version.</param>
/// <param name="Label">Its label.</param>
/// <param name="Description">What it measures, in words, when the catalogue says.</param>
/// <param name="Unit">What it counts: <c>person</c> or <c>household</c>.</param>
/// <param name="Measure">How: <c>count</c>, <c>sum</c>, <c>mean</c> or <c>share</c>.</param>
/// <param name="Sdg">SDG targets it reports on.</param>
/// <param name="Gcm">Global Compact for Migration objectives it reports on.</param>
/// <param name="SuggestedBy">The frameworks or agencies that suggest it.</param>
public sealed record IndicatorReport(
    string Id, int Version, string Label, string? Description, string Unit, string Measure, IReadOnlyList<string> Sdg, IReadOnlyList<string> Gcm,
    IReadOnlyList<string> SuggestedBy)
{
    /// <summary>The report of a catalogue entry.</summary>
    public static IndicatorReport Of(Indicators.IndicatorDefinition d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new IndicatorReport(d.Id, d.Version, d.Label, d.Description, d.Unit.ToString().ToLowerInvariant(),
            d.Measure.Kind.ToString().ToLowerInvariant(), d.Tags.Sdg, d.Tags.Gcm, d.SuggestedBy);
    }
}

/// <summary>What <c>mosaic export dtm</c> reports.</summary>
public sealed record DtmExportReport(string File, long RecordsWritten, long RecordsWithoutIdps);
