using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mosaic.Core.Application.Reports;
using Mosaic.Server.Apis;
using Mosaic.Server.Dashboard;
using Mosaic.Server.Imports;
using Mosaic.Server.Infrastructure;

namespace Mosaic.Server;

/// <summary>Builds the Mosaic web server: the HTTP API under <c>/api</c>, the dashboard at <c>/</c>, health at <c>/health</c>.</summary>
public static class MosaicServer
{
    /// <summary>
    /// The configured application. Arguments are ASP.NET Core's (<c>--urls URL</c>, <c>--Mosaic:Db PATH</c>); with no
    /// URL configured it listens on <see cref="ServerOptions.DefaultUrls"/> (loopback only).
    /// </summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
            builder.WebHost.UseUrls(ServerOptions.DefaultUrls);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Keys live in the user profile, unencrypted at rest like the database beside them: the warning says only that.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        AddServices(builder);
        configure?.Invoke(builder);
        var app = builder.Build();
        UseMiddleware(app);
        MapEndpoints(app);
        return app;
    }

    private static void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<ServerOptions>(builder.Configuration.GetSection(ServerOptions.Section));
        services.AddSingleton<MosaicDatabase>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<TabulationCache>();
        services.AddSingleton<DashboardAssets>();
        services.AddSingleton<ImportRunner>();
        services.AddHostedService<DatabaseStartup>();
        services.AddProblemDetails();
        services.AddExceptionHandler<StoreExceptionHandler>();
        services.ConfigureHttpJsonOptions(o => Configure(o.SerializerOptions));
        services.AddOpenApi();
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryCheck.HeaderName;
            o.Cookie.Name = "mosaic.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = "mosaic";
                o.DefaultChallengeScheme = "mosaic";
            })
            .AddPolicyScheme("mosaic", "cookie or API token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? TokenAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = "mosaic.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events = CookieEvents.Create();
            })
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(CapabilityPolicies.Add);
    }

    /// <summary>
    /// snake_case names and enum values: the JSON of the CLI's <c>--json</c> and of the API. Mosaic's report records
    /// resolve through their generated serializer (<see cref="MosaicJson"/>) first, so both write them alike.
    /// </summary>
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.TypeInfoResolverChain.Insert(0, MosaicJson.Default);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    }

    private static void UseMiddleware(WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseAuthentication();
        app.UseAuthorization();
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapHealthApi();
        var api = app.MapGroup("/api").AddEndpointFilter<AntiforgeryCheck>();
        api.MapAuthApi();
        api.MapAreasApi();
        api.MapIndicatorsApi();
        api.MapTabulationsApi();
        api.MapMobilityApi();
        api.MapTargetingApi();
        api.MapRegistrationsApi();
        api.MapImportsApi();
        api.MapUsersApi();
        api.MapAuditApi();
        app.MapDashboard();
    }
}
