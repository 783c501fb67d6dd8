using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Mosaic.Core.Storage;

namespace Mosaic.Server.Infrastructure;

/// <summary>A store failure (or the personal-data door's refusal) becomes a problem answer with a status a client can act on, never a stack trace.</summary>
internal sealed class StoreExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is Core.Privacy.AccessDeniedException denied)
        {
            // The capability policies refuse first; this is the door's own refusal, should a handler ever reach it.
            httpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails = { Status = StatusCodes.Status403Forbidden, Title = "Not allowed", Detail = denied.Message },
            });
        }
        if (exception is not StoreException store)
            return false;
        var status = store.Failure switch
        {
            StoreFailure.Conflict => StatusCodes.Status409Conflict,
            StoreFailure.Busy or StoreFailure.Unavailable => StatusCodes.Status503ServiceUnavailable,
            StoreFailure.Unsupported => StatusCodes.Status501NotImplemented,
            _ => StatusCodes.Status500InternalServerError,
        };
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = "Database error", Detail = store.Message },
        });
    }
}
