using Mosaic.Core.Areas;
using Mosaic.Core.Demo;
using Mosaic.Core.Registry;
using Mosaic.Core.Storage;

namespace Mosaic.Benchmarks.Postgres;

/// <summary>
/// The benchmark registry for PostgreSQL: the demo generator's households (seed S) in its own division BD55, and as
/// many again (seed S + 1) in a copy of its area tree moved to division BD10 — two first-level divisions, so a
/// cluster split by admin-1 P-code puts half the registry on each shard. The same seed always gives the same data,
/// so every store loaded with it holds the same households (record keys aside, drawn by each import).
/// </summary>
internal static class TwoDivisionRegistry
{
    public const string NorthDivision = "BD55";
    public const string SouthDivision = "BD10";

    /// <summary>Writes the areas and <paramref name="households"/> households (half per division) through one registration batch.</summary>
    /// <returns>Households and persons stored.</returns>
    public static RegistrationCommitted Load(IMosaicStore store, int households, long seed)
    {
        store.Areas.UpsertAsync([.. Areas(seed)]).GetAwaiter().GetResult();
        return store.Registry.ImportAsync($"benchmark registry (seed {seed})", Households(households, seed)).GetAwaiter().GetResult();
    }

    /// <summary>Both divisions' area trees.</summary>
    public static IEnumerable<Area> Areas(long seed)
    {
        var north = new DemoGenerator(new DemoOptions { Households = 1, Seed = seed });
        var south = new DemoGenerator(new DemoOptions { Households = 1, Seed = seed + 1 });
        return north.Areas().Concat(south.Areas().Where(a => a.Level > 0).Select(Moved));
    }

    /// <summary>The households of both divisions, north first.</summary>
    public static IEnumerable<Household> Households(int households, long seed)
    {
        var north = new DemoGenerator(new DemoOptions { Households = households - households / 2, Seed = seed });
        var south = new DemoGenerator(new DemoOptions { Households = households / 2, Seed = seed + 1 });
        return north.Households().Concat(south.Households().Select(Moved));
    }

    private static string Move(string pcode) =>
        pcode.StartsWith(NorthDivision, StringComparison.Ordinal) ? SouthDivision + pcode[NorthDivision.Length..] : pcode;

    private static Area Moved(Area a) => a with
    {
        Pcode = Move(a.Pcode),
        Name = a.Name + " (south)",
        ParentPcode = a.ParentPcode is { } p ? Move(p) : null,
    };

    private static Household Moved(Household h) => h with { SubmissionId = "south-" + h.SubmissionId, AreaPcode = Move(h.AreaPcode) };
}
