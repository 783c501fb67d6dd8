using Mosaic.Core.Registry;
using Mosaic.Core.Tabulation;

namespace Mosaic.Benchmarks.Tabulation;

/// <summary>Reads the snapshot back as flat person rows (village, status, sex, age) to load the peer engine with the same data.</summary>
internal static class SnapshotExport
{
    public readonly record struct FlatPerson(string Village, string Status, string Sex, byte? Age);

    public static IEnumerable<FlatPerson> Persons(RegistrySnapshot s)
    {
        for (var h = 0; h < s.HouseholdCount; h++)
        {
            var village = s.Areas.Pcodes[s.Area[h]];
            for (var p = s.PersonStart[h]; p < s.PersonStart[h + 1]; p++)
            {
                yield return new FlatPerson(village,
                    Codes.MigratoryStatus.Entries[s.MigratoryStatus[p] - 1].Code,
                    Codes.Sex.Entries[s.Sex[p] - 1].Code,
                    s.Age[p] == 255 ? null : s.Age[p]);
            }
        }
    }
}
