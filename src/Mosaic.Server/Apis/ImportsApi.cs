using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Mosaic.Core.Access;
using Mosaic.Core.Application.Reports;
using Mosaic.Server.Imports;
using Mosaic.Server.Infrastructure;

namespace Mosaic.Server.Apis;

/// <summary>
/// Imports by upload: a Kobo/ODK export, a DTM file, flow observations or areas; the status with progress; the error
/// report. Each user sees their own imports, administrators every import. An account with an area scope uploads
/// registrations only, and every household outside its scope is a rejected row.
/// </summary>
internal static class ImportsApi
{
    private const int IssuesShown = 500;

    public static RouteGroupBuilder MapImportsApi(this RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/imports").WithTags("imports").RequireCapability(Capability.Import);
        // Anti-forgery is checked by the /api group's filter for cookie requests (tokens are exempt).
        imports.MapPost("/", Upload).DisableAntiforgery()
            .WithSummary("Upload a file (form fields: kind = registrations|dtm|flows|areas, file, optional members, skip_invalid)");
        imports.MapGet("/", List).WithSummary("Your imports since the server started, newest first");
        imports.MapGet("/{id}", Get).WithSummary("An import's state, progress, summary and first problems");
        imports.MapGet("/{id}/errors.csv", Errors).WithSummary("An import's full error report (CSV: file, sheet, row, column, value, reason)");
        return api;
    }

    public static async Task<Results<Accepted<ImportJobReport>, ProblemHttpResult>> Upload(HttpContext http, ImportRunner runner)
    {
        var user = CurrentUser.From(http.User);
        if (!http.Request.HasFormContentType)
            return Problems.BadRequest("send the file as multipart/form-data with fields kind and file");
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var kind = form["kind"].ToString();
        if (!ImportRunner.Kinds.Contains(kind))
            return Problems.BadRequest($"kind must be one of {string.Join(", ", ImportRunner.Kinds)} (got '{kind}')");
        if (user.Scope is not null && kind != "registrations")
        {
            // Registrations are checked row by row against the scope; DTM, flow and area files are not area-limited.
            return Problems.Forbidden($"an account limited to {user.Scope} may upload registrations only; ask an administrator to import this {kind} file");
        }
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
            return Problems.BadRequest("the form has no file (field 'file') or the file is empty");
        var members = form.Files.GetFile("members");
        await using var stream = file.OpenReadStream();
        await using var membersStream = members?.OpenReadStream();
        var job = await runner.StartAsync(kind, user.UserName, user.Scope, file.FileName, stream, members?.FileName, membersStream,
            string.Equals(form["skip_invalid"], "true", StringComparison.OrdinalIgnoreCase));
        return TypedResults.Accepted($"/api/imports/{job.Id}", job.Report(0));
    }

    public static Ok<IReadOnlyList<ImportJobReport>> List(HttpContext http, ImportRunner runner)
    {
        var user = CurrentUser.From(http.User);
        return TypedResults.Ok<IReadOnlyList<ImportJobReport>>([.. runner.All().Where(j => Visible(j, user)).Select(j => j.Report(0))]);
    }

    public static Results<Ok<ImportJobReport>, ProblemHttpResult> Get(string id, HttpContext http, ImportRunner runner) =>
        runner.Find(id) is { } job && Visible(job, CurrentUser.From(http.User))
            ? TypedResults.Ok(job.Report(IssuesShown))
            : Problems.NotFound("Import not found", $"no import '{id}' of yours");

    public static IResult Errors(string id, HttpContext http, ImportRunner runner)
    {
        if (runner.Find(id) is not { } job || !Visible(job, CurrentUser.From(http.User)))
            return Problems.NotFound("Import not found", $"no import '{id}' of yours");
        if (job.ErrorsFile is null)
            return Problems.NotFound("No error report", "this import found no problem");
        return TypedResults.File(File.ReadAllBytes(job.ErrorsFile), "text/csv; charset=utf-8", Path.GetFileName(job.FileName) + ".errors.csv");
    }

    private static bool Visible(ImportJob job, CurrentUser user) =>
        user.Role == Role.Admin || string.Equals(job.UserName, user.UserName, StringComparison.OrdinalIgnoreCase);
}
