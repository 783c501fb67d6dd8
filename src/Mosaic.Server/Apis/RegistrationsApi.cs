using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Mosaic.Core.Access;
using Mosaic.Core.Application;
using Mosaic.Core.Application.Reports;
using Mosaic.Core.Privacy;
using Mosaic.Server.Infrastructure;

namespace Mosaic.Server.Apis;

/// <summary>
/// Registrations with the head's name and phone: personal data, for roles that may read it, within their scope, and
/// only through the audited door (<see cref="RegistrationRead"/>): every answer has its audit entry committed first.
/// </summary>
internal static class RegistrationsApi
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

    public static async Task<Results<Ok<RegistrationPageReport>, ProblemHttpResult>> List(HttpContext http, MosaicDatabase database, string? area = null, int? offset = null, int? limit = null)
    {
        var user = CurrentUser.From(http.User);
        var store = await database.ForRequestAsync(http);
        var asked = await user.LimitAsync(store.Areas, area, http.RequestAborted);
        if (!asked.Allowed)
            return Problems.AreaNotFound(area!);
        try
        {
            var page = await RegistrationRead.PageAsync(store, new RegistrationPageRequest(
                user.Actor, asked.Pcode, offset ?? 0, limit ?? 100, "GET " + http.Request.Path, RequestLine(http)), http.RequestAborted);
            return TypedResults.Ok(await RegistrationPageReport.OfAsync(page, store.Areas, http.RequestAborted));
        }
        catch (RequestRejectedException ex)
        {
            return Problems.BadRequest(ex.Message);
        }
    }

    public static async Task<Results<Ok<RegistrationPageReport>, ProblemHttpResult>> Get(string submissionId, HttpContext http, MosaicDatabase database)
    {
        var user = CurrentUser.From(http.User);
        var store = await database.ForRequestAsync(http);
        var page = await RegistrationRead.OneAsync(store, user.Actor, submissionId, "GET " + http.Request.Path, RequestLine(http), http.RequestAborted);
        return page is null
            ? Problems.NotFound("Household not found", $"no household '{submissionId}' in your scope")
            : TypedResults.Ok(await RegistrationPageReport.OfAsync(page, store.Areas, http.RequestAborted));
    }

    private static string RequestLine(HttpContext http) => $"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}";
}
