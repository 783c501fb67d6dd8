using Mosaic.Core.Storage;

namespace Mosaic.Cli.Infrastructure;

/// <summary>A command's unit of work that also closes the database object it came from.</summary>
internal sealed class CommandStore(IMosaicDatabase database, IMosaicStore store) : IMosaicStore
{
    public string Description => store.Description;

    public int SchemaVersion => store.SchemaVersion;

    public IAreaStore Areas => store.Areas;

    public IRegistryStore Registry => store.Registry;

    public IMobilityStore Mobility => store.Mobility;

    public IHazardStore Hazards => store.Hazards;

    public IScoreStore Scores => store.Scores;

    public IAuditLog AuditLog => store.AuditLog;

    public IUserStore Users => store.Users;

    public void Dispose()
    {
        store.Dispose();
        database.Dispose();
    }
}
