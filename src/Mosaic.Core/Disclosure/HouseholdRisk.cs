namespace Mosaic.Core.Disclosure;

/// <summary>
/// Re-identification risk of a person file whose rows carry a household id, as sdcMicro's <c>measure_risk</c> with
/// <c>hid</c> states it: an intruder who re-identifies one member has found the household, and with it every other
/// member's row. A household's risk is the chance that at least one of its members is re-identified,
/// 1 − ∏ (1 − rᵢ) over its members' individual risks rᵢ (taken as independent), and each member takes that risk.
/// </summary>
/// <param name="Households">Households with at least one record in the file.</param>
/// <param name="ExpectedReidentifiedHouseholds">The sum of the household risks: households an intruder is expected to find.</param>
/// <param name="GlobalRisk">Expected re-identified households over households, 0–1.</param>
/// <param name="ExpectedReidentifiedPersons">
/// The sum over persons of their household's risk (sdcMicro's <c>hier_risk_ER</c>): rows expected to be exposed
/// because their household is found.
/// </param>
/// <param name="PersonWeightedGlobalRisk">That sum over the records (sdcMicro's <c>hier_risk</c>), 0–1.</param>
/// <param name="HighestHouseholdRisk">The largest household risk (1 = some household has a member unique on the keys).</param>
/// <param name="HouseholdsAboveHalfRisk">Households whose risk is above 0.5.</param>
/// <param name="LargestHousehold">Records of the largest household in the file.</param>
internal sealed record HouseholdRisk(
    int Households, double ExpectedReidentifiedHouseholds, double GlobalRisk, double ExpectedReidentifiedPersons,
    double PersonWeightedGlobalRisk, double HighestHouseholdRisk, int HouseholdsAboveHalfRisk, int LargestHousehold)
{
    /// <summary>
    /// The figure a limit is held against: the larger of the two global risks. The share of households found is what a
    /// registry officer asks; the person-weighted share is what sdcMicro (and so HDX) reports for the same file, and it
    /// is never below the person-level global risk, so a file under this figure is under all three.
    /// </summary>
    public double GoverningRisk => Math.Max(GlobalRisk, PersonWeightedGlobalRisk);

    /// <summary>Whether <see cref="GoverningRisk"/> is above <paramref name="maximum"/>.</summary>
    public bool Exceeds(double maximum) => GoverningRisk > maximum;

    /// <summary>
    /// The k of local suppression that guarantees <paramref name="maximum"/>: with every class of at least k records,
    /// a household's risk is at most the sum of its members' risks, so expected households found are at most the
    /// number of classes (n / k), and the person-weighted risk at most m / k for households of up to m members.
    /// </summary>
    public int KWithin(double maximum) => (int)Math.Ceiling(Math.Max(1, LargestHousehold) / maximum - 1e-9);

    /// <summary>Household risks from the records' individual risks.</summary>
    /// <param name="individualRisk">Each record's individual risk (1 / its class size).</param>
    /// <param name="householdOf">Each record's household, a non-negative number (records of one household share it).</param>
    public static HouseholdRisk Measure(ReadOnlySpan<double> individualRisk, IReadOnlyList<int> householdOf)
    {
        ArgumentNullException.ThrowIfNull(householdOf);
        if (householdOf.Count != individualRisk.Length)
            throw new ArgumentException("one household per record", nameof(householdOf));
        var largest = -1;
        for (var i = 0; i < householdOf.Count; i++)
        {
            if (householdOf[i] < 0)
                throw new ArgumentException("household numbers are non-negative", nameof(householdOf));
            largest = Math.Max(largest, householdOf[i]);
        }
        // Households are the snapshot's household rows, so dense arrays indexed by them are the cheap map.
        var survives = new double[largest + 1];
        var members = new int[largest + 1];
        Array.Fill(survives, 1.0);
        for (var i = 0; i < householdOf.Count; i++)
        {
            survives[householdOf[i]] *= 1 - individualRisk[i];
            members[householdOf[i]]++;
        }
        var households = 0;
        var aboveHalf = 0;
        var largestHousehold = 0;
        double expected = 0, persons = 0, highest = 0;
        for (var h = 0; h < members.Length; h++)
        {
            if (members[h] == 0)
                continue;
            var risk = 1 - survives[h];
            households++;
            largestHousehold = Math.Max(largestHousehold, members[h]);
            expected += risk;
            persons += members[h] * risk;
            highest = Math.Max(highest, risk);
            if (risk > 0.5)
                aboveHalf++;
        }
        var records = householdOf.Count;
        return new HouseholdRisk(households, expected, households == 0 ? 0 : expected / households, persons,
            records == 0 ? 0 : persons / records, highest, aboveHalf, largestHousehold);
    }
}
