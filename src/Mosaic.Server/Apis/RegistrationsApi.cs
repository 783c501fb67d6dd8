using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Mosaic.Core.Access;
using Mosaic.Core.Application;
using Mosaic.Core.Privacy;
using Mosaic.Core.Registry;
using Mosaic.Server.Infrastructure;

namespace Mosaic.Server.Apis;

/// <summary>
/// Registrations with the head's name and phone: personal data, for roles that may read it, within their scope, and
/// only through the audited door (<see cref="RegistrationRead"/>): every answer has its audit entry committed first.
/// </summary>
public static class RegistrationsApi
{
    public static RouteGroupBuilder MapRegistrationsApi(this RouteGroupBuilder api)
    {
        var registrations = api.MapGroup("/registrations").WithTags("registrations").RequireCapability(Capability.ReadPersonalData);
        registrations.MapGet("/", List)
            .WithSummary("Households in your scope (or area=P-code in it) with roster and contacts, by page (offset, limit ≤ 500); every read is audited");
        registrations.MapGet("/{submissionId}", Get)
            .WithSummary("One household by submission id with roster and contacts; the read is audited");
        return api;
    }

    public static async Task<Results<Ok<RegistrationsView>, ProblemHttpResult>> List(HttpContext http, MosaicDatabase database, string? area = null, int? offset = null, int? limit = null)
    {
        var user = CurrentUser.From(http.User);
        var store = database.ForRequest(http);
        var asked = await user.LimitAsync(store.Areas, area, http.RequestAborted);
        if (!asked.Allowed)
            return Problems.AreaNotFound(area!);
        try
        {
            var page = await RegistrationRead.PageAsync(store, new RegistrationPageRequest(
                user.Actor, asked.Pcode, offset ?? 0, limit ?? 100, "GET " + http.Request.Path, RequestLine(http)), http.RequestAborted);
            return TypedResults.Ok(RegistrationsView.Of(page, await AreaNames(store, http.RequestAborted)));
        }
        catch (RequestRejectedException ex)
        {
            return Problems.BadRequest(ex.Message);
        }
    }

    public static async Task<Results<Ok<RegistrationsView>, ProblemHttpResult>> Get(string submissionId, HttpContext http, MosaicDatabase database)
    {
        var user = CurrentUser.From(http.User);
        var store = database.ForRequest(http);
        var page = await RegistrationRead.OneAsync(store, user.Actor, submissionId, "GET " + http.Request.Path, RequestLine(http), http.RequestAborted);
        return page is null
            ? Problems.NotFound("Household not found", $"no household '{submissionId}' in your scope")
            : TypedResults.Ok(RegistrationsView.Of(page, await AreaNames(store, http.RequestAborted)));
    }

    /// <summary>Area names by P-code, read once for a page.</summary>
    private static async Task<Func<string, string?>> AreaNames(Core.Storage.IMosaicStore store, CancellationToken cancellationToken)
    {
        var names = (await store.Areas.AllAsync(cancellationToken: cancellationToken)).ToDictionary(a => a.Pcode, a => a.Name, StringComparer.Ordinal);
        return pcode => names.GetValueOrDefault(pcode);
    }

    private static string RequestLine(HttpContext http) => $"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}";
}

/// <summary>A page of registrations as the API returns it.</summary>
public sealed record RegistrationsView(long Total, int Offset, long AuditEntryId, IReadOnlyList<RegistrationView> Households)
{
    public static RegistrationsView Of(RegistrationPage page, Func<string, string?> areas)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(areas);
        return new RegistrationsView(page.Total, page.Offset, page.AuditEntryId, [.. page.Households.Select(r => RegistrationView.Of(r, areas))]);
    }
}

/// <summary>One household: codes, area, when registered, contact and roster (no GPS point).</summary>
public sealed record RegistrationView(
    string SubmissionId, string? HouseholdCode, string AreaPcode, string? AreaName, DateTimeOffset? SubmittedAt,
    string? HeadName, string? Phone, IReadOnlyList<MemberView> Members)
{
    public static RegistrationView Of(RegisteredHousehold registered, Func<string, string?> areas)
    {
        ArgumentNullException.ThrowIfNull(registered);
        ArgumentNullException.ThrowIfNull(areas);
        var h = registered.Household;
        return new RegistrationView(h.SubmissionId, h.HouseholdCode, h.AreaPcode, areas(h.AreaPcode), h.SubmittedAt,
            registered.Contact?.Name, registered.Contact?.Phone,
            [.. h.Members.Select(m => new MemberView(m.LineNumber, m.Relation, m.Sex, m.Age, m.MigratoryStatus))]);
    }
}

/// <summary>A roster member as the registrations endpoint shows it.</summary>
public sealed record MemberView(int Line, Relation Relation, Sex Sex, int? Age, MigratoryStatus MigratoryStatus);
