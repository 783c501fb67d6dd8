using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mosaic.Server.Infrastructure;

/// <summary>
/// Validates the anti-forgery token (header <c>X-CSRF-TOKEN</c>) on every state-changing request that a browser
/// could send with its cookie. Requests authenticated by an API token carry no ambient credential and are exempt.
/// </summary>
internal sealed class AntiforgeryCheck : IEndpointFilter
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var safe = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method);
        var bearer = http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        if (!safe && !bearer)
        {
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return TypedResults.Problem(
                    title: "Missing or invalid anti-forgery token",
                    detail: $"send the token from GET /api/auth/antiforgery in the {HeaderName} header",
                    statusCode: StatusCodes.Status400BadRequest);
            }
        }
        return await next(context);
    }
}
