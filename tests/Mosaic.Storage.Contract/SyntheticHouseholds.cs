using Mosaic.Core.Registry;

namespace Mosaic.Storage.Contract;

/// <summary>
/// Seeded random households in the two fixture unions (Ashtamir Char, Ramna), with GPS points around
/// Chilmari and a reference welfare that falls with income loss, stopped remittances, a temporary
/// dwelling and many dependents — so scoring, targeting and calibration have something real to find.
/// </summary>
public static class SyntheticHouseholds
{
    public static readonly string[] Unions = ["BD55490917", "BD55490959"];

    public static List<Household> Generate(int count, int seed = 42, double gpsShare = 0.8)
    {
        var random = new Random(seed);
        var result = new List<Household>(count);
        for (var i = 0; i < count; i++)
            result.Add(One(random, i, gpsShare));
        return result;
    }

    private static Household One(Random r, int i, double gpsShare)
    {
        var union = Unions[r.Next(Unions.Length)];
        var returnee = r.NextDouble() < 0.2;
        var displaced = !returnee && r.NextDouble() < 0.15;
        var size = 1 + r.Next(7);
        var members = new List<Person>();
        var headFemale = r.NextDouble() < 0.2;
        for (var line = 1; line <= size; line++)
        {
            var head = line == 1;
            var age = head ? 20 + r.Next(50) : r.Next(80);
            var status = returnee && head ? MigratoryStatus.Returnee : displaced ? MigratoryStatus.Idp : MigratoryStatus.NonMigrant;
            members.Add(new Person
            {
                LineNumber = line,
                Name = $"Person {i}-{line}",
                Phone = head ? $"+8801700{i:D6}" : null,
                Sex = head ? (headFemale ? Sex.Female : Sex.Male) : (r.Next(2) == 0 ? Sex.Female : Sex.Male),
                Age = r.NextDouble() < 0.03 ? null : age,
                Relation = head ? Relation.Head : Relation.Child,
                MigratoryStatus = status,
                WashingtonGroup = r.NextDouble() < 0.08 ? new WashingtonGroupAnswers(1, 1, 3, 1, 1, 1) : new WashingtonGroupAnswers(1, 1, 1, 1, 1, 1),
                EmployedBefore = age >= 15 ? r.NextDouble() < 0.6 : null,
                EmployedNow = age >= 15 ? r.NextDouble() < 0.45 : null,
                InSchool = age is >= 6 and <= 17 ? r.NextDouble() < 0.8 : null,
            });
        }
        var before = 6000 + r.NextDouble() * 20000;
        var loss = returnee || displaced ? 0.3 + r.NextDouble() * 0.6 : r.NextDouble() * 0.4;
        var now = before * (1 - loss);
        var remittances = r.NextDouble() < 0.35;
        var stopped = remittances && (returnee || r.NextDouble() < 0.2);
        var dwelling = displaced ? Dwelling.Temporary : (Dwelling)r.Next(1, 5);
        var dependents = members.Count(m => m.Age is < 15 or > 64);
        var welfare = now / size * (stopped ? 0.7 : 1) * (dwelling is Dwelling.Temporary or Dwelling.None ? 0.8 : 1) * (1 - 0.05 * dependents)
                      * Math.Exp((r.NextDouble() - 0.5) * 0.4);
        var lon = 89.64 + r.NextDouble() * 0.15;
        var lat = 25.48 + r.NextDouble() * 0.14;
        return new Household
        {
            SubmissionId = $"syn-{i:D7}",
            HouseholdCode = $"HH-{i:D5}",
            AreaPcode = union,
            Gps = r.NextDouble() < gpsShare ? new GeoPoint(lat, lon) : null,
            Dwelling = r.NextDouble() < 0.05 ? null : dwelling,
            IncomeBefore = Math.Round(before),
            IncomeNow = r.NextDouble() < 0.05 ? null : Math.Round(now),
            Remittances = remittances,
            RemittanceChange = remittances ? (stopped ? RemittanceChange.Stopped : RemittanceChange.Same) : null,
            Debt = r.NextDouble() < (returnee ? 0.7 : 0.3),
            Savings = r.NextDouble() < 0.3,
            AssistanceReceived = r.NextDouble() < 0.15,
            Shocks = (r.NextDouble() < 0.4 ? Shocks.Flood : Shocks.None) | (displaced ? Shocks.Erosion : Shocks.None) | (returnee ? Shocks.JobLoss : Shocks.None),
            ReferenceWelfare = r.NextDouble() < 0.9 ? Math.Round(welfare, 1) : null,
            Members = members,
        };
    }
}
