using Mosaic.Core.Registry;
using Mosaic.Core.Tabulation;

namespace Mosaic.Core.Tests.Tabulation;

/// <summary>
/// A registry with record keys drawn here, from a seeded generator, so tests know every key and can recount a
/// cell's key by hand: household <c>h</c> has key <c>HouseholdKeys[h]</c>, its member <c>m</c> <c>PersonKeys[h][m]</c>.
/// </summary>
internal sealed class KeyedRegistry
{
    public KeyedRegistry(IReadOnlyList<Household> households, int keySeed)
    {
        Households = households;
        var rng = new Random(keySeed);
        HouseholdKeys = new uint[households.Count];
        PersonKeys = new uint[households.Count][];
        var builder = new RegistrySnapshotBuilder(Mosaic.Storage.Contract.RandomRegistry.Areas);
        for (var h = 0; h < households.Count; h++)
        {
            HouseholdKeys[h] = Key(rng);
            builder.AddHousehold(SnapshotCodes.Of(households[h]) with { RecordKey = HouseholdKeys[h] });
            PersonKeys[h] = new uint[households[h].Members.Count];
            for (var m = 0; m < PersonKeys[h].Length; m++)
            {
                PersonKeys[h][m] = Key(rng);
                builder.AddPerson(SnapshotCodes.Of(households[h].Members[m]) with { RecordKey = PersonKeys[h][m] });
            }
        }
        Snapshot = builder.Build();
    }

    public IReadOnlyList<Household> Households { get; }

    public uint[] HouseholdKeys { get; }

    public uint[][] PersonKeys { get; }

    public RegistrySnapshot Snapshot { get; }

    private static uint Key(Random rng) => (uint)rng.NextInt64(1, 1L << 32);

    /// <summary>The true count and cell key of the persons meeting <paramref name="counted"/>, by brute force.</summary>
    public (long Count, uint Key) Persons(Func<Household, Person, bool> counted)
    {
        long count = 0;
        uint key = 0;
        for (var h = 0; h < Households.Count; h++)
        {
            for (var m = 0; m < Households[h].Members.Count; m++)
            {
                if (!counted(Households[h], Households[h].Members[m]))
                    continue;
                count++;
                key = unchecked(key + PersonKeys[h][m]);
            }
        }
        return (count, key);
    }

    /// <summary>The true count and cell key of the households meeting <paramref name="counted"/>.</summary>
    public (long Count, uint Key) HouseholdsWhere(Func<Household, bool> counted)
    {
        long count = 0;
        uint key = 0;
        for (var h = 0; h < Households.Count; h++)
        {
            if (!counted(Households[h]))
                continue;
            count++;
            key = unchecked(key + HouseholdKeys[h]);
        }
        return (count, key);
    }
}
