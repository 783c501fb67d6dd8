using Mosaic.Core.Registry;

namespace Mosaic.Core.Demo;

/// <summary>
/// The household's economy after the 2026 flood season: shocks, income before and now (BDT per month),
/// remittances, debt, savings, assistance, dwelling, and the hidden reference welfare (per-capita consumption).
/// Everything observed is driven, with noise, by the same latent welfare as the reference, so targeting errors
/// measured against it are meaningful.
/// </summary>
internal sealed class Livelihood
{
    public Shocks Shocks;
    public Dwelling? Dwelling;
    public double? IncomeBefore;
    public double? IncomeNow;
    public bool? Remittances;
    public double? RemittanceAmount;
    public RemittanceChange? RemittanceChange;
    public bool? Debt;
    public bool? Savings;
    public bool? AssistanceReceived;
    public double ReferenceWelfare;

    /// <summary>Hazard shocks, drawn before employment because they cost jobs.</summary>
    public static Shocks HazardShocks(DemoRandom r, DemoVillage village, DemoHouseholdKind kind)
    {
        var shocks = Shocks.None;
        var exposure = village.RiverExposure;
        if (r.Chance(0.08 + 0.8 * exposure))
            shocks |= Shocks.Flood;
        if (kind == DemoHouseholdKind.Idp)
            shocks |= r.Chance(0.7) ? Shocks.Erosion : Shocks.Flood;
        else if (r.Chance(0.02 + 0.35 * exposure * exposure))
            shocks |= Shocks.Erosion;
        if (r.Chance(village.IsChar ? 0.01 : 0.04))
            shocks |= Shocks.Drought;
        if (r.Chance(0.01))
            shocks |= Shocks.Cyclone;
        return shocks;
    }

    public static Livelihood Build(DemoRandom r, DemoVillage village, DemoHouseholdKind kind, Shocks hazards,
        List<MemberDraft> members, double welfare)
    {
        var e = new Livelihood { Shocks = hazards };
        var residents = members.Count(m => m.IsResident);
        var hasEmigrant = members.Count - residents > 0;
        var returnee = members.Any(m => m.Status == MigratoryStatus.Returnee);
        var lostJobs = members.Count(m => m.IsResident && m.LostJob);
        var workersBefore = members.Count(m => m.IsResident && m.EmployedBefore == true);

        if (returnee || lostJobs > 0 && r.Chance(0.75) || r.Chance(0.03))
            e.Shocks |= Shocks.JobLoss;
        if (kind == DemoHouseholdKind.InternalMigrant && members.Any(m => m.MoveReason == MoveReason.JobLoss))
            e.Shocks |= Shocks.JobLoss;
        if (r.Chance(0.08 + (members.Any(m => m.Age >= 60) ? 0.1 : 0)))
            e.Shocks |= Shocks.Illness;
        if (r.Chance(0.02))
            e.Shocks |= Shocks.Death;
        if (r.Chance(0.002))
            e.Shocks |= Shocks.Conflict;

        // Log income loss since the shock, per shock experienced.
        var loss = 0.0;
        if (e.Shocks.HasFlag(Shocks.Flood))
            loss += r.Uniform(0.08, 0.3) * (0.5 + village.RiverExposure);
        if (e.Shocks.HasFlag(Shocks.Erosion))
            loss += r.Uniform(0.25, 0.55);
        if (returnee)
            loss += r.Uniform(0.3, 0.65);
        else if (e.Shocks.HasFlag(Shocks.JobLoss))
            loss += r.Uniform(0.1, 0.3) + 0.1 * lostJobs;
        if (e.Shocks.HasFlag(Shocks.Illness))
            loss += r.Uniform(0.03, 0.12);
        if (e.Shocks.HasFlag(Shocks.Death))
            loss += r.Uniform(0.1, 0.3);
        loss = Math.Min(loss, 1.6);

        // Income before: log-normal around 15,000 BDT, more with more earners and with a member abroad.
        var before = Math.Exp(Math.Log(14_000) + 0.42 * welfare + 0.12 * Math.Max(0, workersBefore - 1) +
                              (hasEmigrant ? 0.25 : 0) + (returnee ? 0.3 : 0) + r.Normal(0, 0.22));
        before = Math.Clamp(RoundTo(before, 500), 3_000, 150_000);
        var now = Math.Min(before * 1.15, RoundTo(before * Math.Exp(-loss + r.Normal(0, 0.08)), 500));
        e.IncomeBefore = r.Chance(0.015) ? null : before;
        e.IncomeNow = r.Chance(0.035) ? null : Math.Max(0, now);

        Remittance(r, e, hasEmigrant, returnee);

        var welfareNow = welfare - 1.2 * loss;
        e.Debt = r.Chance(0.015) ? null : r.Chance(Logistic(0.1 - 0.7 * welfareNow + (returnee ? 0.9 : 0) + (kind == DemoHouseholdKind.Idp ? 0.4 : 0)));
        e.Savings = r.Chance(0.015) ? null : r.Chance(Logistic(-0.7 + 0.9 * welfareNow - (e.Shocks.HasFlag(Shocks.Erosion) ? 0.5 : 0)));
        var pAssist = 0.08 + 0.25 * village.RiverExposure + (kind == DemoHouseholdKind.Idp ? 0.25 : 0) + (welfareNow < -1 ? 0.08 : 0);
        e.AssistanceReceived = r.Chance(0.015) ? null : r.Chance(pAssist);

        // Dwelling follows long-run welfare; char land and recent displacement mean lighter, movable houses.
        var displacedRecently = kind is DemoHouseholdKind.Idp or DemoHouseholdKind.Refugee;
        var d = welfare + r.Normal(0, 0.6) - (village.IsChar ? 0.7 : 0) - (displacedRecently ? 0.9 : 0);
        e.Dwelling = r.Chance(0.01) ? null
            : d > 1.3 ? Registry.Dwelling.Permanent
            : d > -0.4 ? Registry.Dwelling.SemiPermanent
            : displacedRecently && r.Chance(0.06) ? Registry.Dwelling.None
            : Registry.Dwelling.Temporary;

        // Reference welfare: monthly per-capita consumption (BDT), with economies of scale in larger households.
        var consumption = Math.Exp(Math.Log(3_300) + 0.38 * welfare - 0.55 * loss - 0.12 * Math.Log(Math.Max(1, residents) / 4.4) +
                                   (hasEmigrant ? 0.1 : 0) + r.Normal(0, 0.18));
        e.ReferenceWelfare = Math.Round(consumption);
        return e;
    }

    private static void Remittance(DemoRandom r, Livelihood e, bool hasEmigrant, bool returnee)
    {
        if (r.Chance(0.03))
            return; // no remittance information at all
        if (hasEmigrant && r.Chance(0.92))
        {
            e.Remittances = true;
            e.RemittanceChange = returnee
                ? r.PickWeighted([(Registry.RemittanceChange.Decreased, 0.6), (Registry.RemittanceChange.Same, 0.3), (Registry.RemittanceChange.Stopped, 0.1)])
                : r.PickWeighted([(Registry.RemittanceChange.Increased, 0.12), (Registry.RemittanceChange.Same, 0.5), (Registry.RemittanceChange.Decreased, 0.28), (Registry.RemittanceChange.Stopped, 0.1)]);
            e.RemittanceAmount = e.RemittanceChange == Registry.RemittanceChange.Stopped ? 0 : RoundTo(Math.Exp(Math.Log(12_000) + r.Normal(0, 0.4)), 500);
        }
        else if (returnee)
        {
            // The worker was the one sending money home: it stopped, or shrank to what a relative sends.
            e.Remittances = true;
            e.RemittanceChange = r.Chance(0.7) ? Registry.RemittanceChange.Stopped : Registry.RemittanceChange.Decreased;
            e.RemittanceAmount = e.RemittanceChange == Registry.RemittanceChange.Stopped ? 0 : RoundTo(r.Uniform(2_000, 6_000), 500);
        }
        else if (r.Chance(0.07))
        {
            // Domestic remittances from relatives working in Dhaka or Chattogram (not on the roster).
            e.Remittances = true;
            e.RemittanceChange = r.PickWeighted([(Registry.RemittanceChange.Increased, 0.1), (Registry.RemittanceChange.Same, 0.55), (Registry.RemittanceChange.Decreased, 0.3), (Registry.RemittanceChange.Stopped, 0.05)]);
            e.RemittanceAmount = e.RemittanceChange == Registry.RemittanceChange.Stopped ? 0 : RoundTo(r.Uniform(2_000, 8_000), 500);
        }
        else
        {
            e.Remittances = false;
        }
        if (e.Remittances == true && r.Chance(0.03))
            e.RemittanceAmount = null;
    }

    private static double RoundTo(double value, double step) => Math.Round(value / step) * step;

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));
}
