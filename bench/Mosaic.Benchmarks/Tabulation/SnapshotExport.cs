using Mosaic.Core.Tabulation;

namespace Mosaic.Benchmarks.Tabulation;

/// <summary>Reads the snapshot back as flat person rows (village index, status, sex, age codes) to load the peer engine with the same data.</summary>
internal static class SnapshotExport
{
    public readonly record struct FlatPerson(int Village, byte Status, byte Sex, byte? Age);

    public static IEnumerable<FlatPerson> Persons(RegistrySnapshot s)
    {
        for (var h = 0; h < s.HouseholdCount; h++)
        {
            var village = s.Area[h];
            for (var p = s.PersonStart[h]; p < s.PersonStart[h + 1]; p++)
            {
                yield return new FlatPerson(village, s.MigratoryStatus[p], s.Sex[p], s.Age[p] == 255 ? null : s.Age[p]);
            }
        }
    }
}
