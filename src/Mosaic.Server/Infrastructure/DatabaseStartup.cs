using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mosaic.Core.Access;

namespace Mosaic.Server.Infrastructure;

/// <summary>
/// At start: brings the schema up to date (migrations are explicit: here, once), and when the database has no account yet creates the administrator
/// <c>admin</c> with a generated password, printed once here (it is stored only hashed).
/// </summary>
internal sealed partial class DatabaseStartup(MosaicDatabase database, ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.MigrateAsync(cancellationToken);
        using var store = await database.OpenAsync(cancellationToken);
        if (await UserAdministration.EnsureFirstAdminAsync(store, cancellationToken: cancellationToken) is { } admin)
        {
            Console.Out.WriteLine($"First administrator created: user '{admin.User.UserName}', password {admin.GeneratedPassword}");
            Console.Out.WriteLine("This password is shown only once. Add other accounts with `mosaic users add`.");
        }
        LogStarted(logger, database.Description);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Mosaic database: {Database}")]
    private static partial void LogStarted(ILogger logger, string database);
}
