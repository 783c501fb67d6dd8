using Mosaic.Core.Access;
using Mosaic.Core.Privacy;

namespace Mosaic.Cli.Infrastructure;

/// <summary>
/// Who runs a CLI command: the operating-system user, as an admin over every area. Whoever holds an SQLite file can
/// read all of it anyway, so the CLI claims no narrower role; the server's users carry their own role and scope.
/// </summary>
internal static class CliActor
{
    public static Actor Current => new(Environment.UserName, Role.Admin, null);
}
