using System.CommandLine;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Application.Reports;
using Mosaic.Storage.Postgres;

namespace Mosaic.Cli.Commands;

/// <summary>
/// <c>mosaic cluster init --db COORDINATOR --shard NAME=LOCATION[@ADM1,…] …</c>. Names the PostgreSQL provider
/// directly: a cluster exists only on PostgreSQL, so there is nothing to resolve.
/// </summary>
internal sealed class ClusterInitCommand : MosaicCommand
{
    private readonly Option<string[]> _shards = new("--shard")
    {
        Description = "A shard: NAME=LOCATION, then @ADM1,ADM1… for the admin-1 areas it holds (one shard without a list takes the rest)",
        HelpName = "NAME=DB[@ADM1,…]",
        Required = true,
        Arity = ArgumentArity.OneOrMore,
    };

    public ClusterInitCommand() : base("init", """
        Set up a scaled-out registry: --db names the coordinator (an empty PostgreSQL database), each --shard a
        database on another PostgreSQL server. Households, members and movements are partitioned by admin-1
        P-code; each partition lives on its shard as a postgres_fdw foreign table, and tabulations are counted on
        the shards. Every other table stays on the coordinator. Running it again attaches shards not yet attached.

        Examples:
          mosaic cluster init --db postgres://mosaic@coord/registry --shard north=postgres://mosaic@db1/registry@BD55,BD45 --shard south=postgres://mosaic@db2/registry
        """)
    {
        Options.Add(_shards);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        var location = StoreLocator.Resolve(parse.GetValue(DbOption));
        if (!PostgresConnectionString.Matches(location))
            throw new CliException(ExitCodes.Usage, "--db must name the coordinator's PostgreSQL database (postgres://… or Host=…)");
        List<ShardSpec> shards;
        try
        {
            shards = [.. (parse.GetValue(_shards) ?? []).Select(ShardSpec.Parse)];
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ExitCodes.Usage, "--shard " + ex.Message);
        }
        var lines = await PostgresScaleOut.InitializeAsync(location, shards, cancellationToken);
        if (console.Json)
        {
            console.WriteJson(new ClusterReport(PostgresConnectionString.Describe(PostgresConnectionString.Parse(location)), lines));
            return ExitCodes.Success;
        }
        foreach (var line in lines)
            console.Info(line);
        console.Info("the registry is partitioned by admin-1 area; import, score and tabulate with --db pointing at the coordinator");
        return ExitCodes.Success;
    }
}
