using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mosaic.Server.Apis;

/// <summary>The problem answers handlers share (RFC 9457 bodies, via ASP.NET Core's ProblemDetails).</summary>
internal static class Problems
{
    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: detail);

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: detail);

    public static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: title, detail: detail);

    /// <summary>
    /// An area that does not exist or is outside the user's scope: the same answer for both, so the outside of a
    /// scope cannot even be probed for which P-codes exist.
    /// </summary>
    public static ProblemHttpResult AreaNotFound(string pcode) => NotFound("Area not found", $"no area '{pcode}' in your scope");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);
}
