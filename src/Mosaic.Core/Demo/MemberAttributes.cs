using Mosaic.Core.Registry;

namespace Mosaic.Core.Demo;

/// <summary>
/// WG-SS answers (age 5+; disability rising steeply with age), school attendance (5–17) and employment before and
/// after the shock (15+), with a few missing answers.
/// </summary>
internal static class MemberAttributes
{
    /// <param name="welfare">The household's latent structural welfare (standard normal scale).</param>
    /// <param name="shockHit">Chance that an employed member lost work since the shock (floods, erosion).</param>
    public static void Assign(DemoRandom r, MemberDraft m, double welfare, double shockHit)
    {
        if (!m.IsResident)
        {
            m.EmployedBefore = true;
            m.EmployedNow = r.Chance(0.9);
            return;
        }
        if (m.Age >= WashingtonGroupAnswers.MinimumAge)
            m.WashingtonGroup = WashingtonGroup(r, m.Age, welfare);

        var disabled = m.WashingtonGroup.Disability(m.Age) == true;
        if (m.Age is >= 5 and <= 17 && r.Chance(0.985))
        {
            var p = m.Age switch { 5 => 0.35, <= 10 => 0.93, <= 14 => 0.82, _ => 0.58 };
            if (m.Sex == Sex.Female && m.Age >= 11)
                p += 0.05;
            if (welfare < -1)
                p *= 0.85;
            if (disabled)
                p *= 0.6;
            m.InSchool = r.Chance(p);
        }

        if (m.Age < 15 || r.Chance(0.012))
            return;
        if (m.EmployedBefore is null)
        {
            var p = (m.Sex, m.Age) switch
            {
                (Sex.Male, < 18) => 0.25,
                (Sex.Male, < 65) => 0.87,
                (Sex.Male, _) => 0.35,
                (_, >= 18 and < 60) => 0.28,
                _ => 0.06,
            };
            if (disabled)
                p *= 0.5;
            if (m.InSchool == true)
                p *= 0.2;
            m.EmployedBefore = r.Chance(p);
        }
        // Workers back from abroad rarely find work at home soon; their families' chances are everyone's.
        m.EmployedNow = m.Status == MigratoryStatus.Returnee && m.EmployedBefore == true
            ? r.Chance(0.28)
            : m.EmployedBefore == true ? !r.Chance(0.04 + shockHit) : r.Chance(0.04);
    }

    private static WashingtonGroupAnswers WashingtonGroup(DemoRandom r, int age, double welfare)
    {
        if (r.Chance(0.025))
            return default;
        var pDisability = age switch { < 18 => 0.03, < 45 => 0.04, < 60 => 0.08, < 70 => 0.2, _ => 0.36 };
        if (welfare < -1)
            pDisability *= 1.3;
        var pSome = 0.02 + Math.Max(0, age - 40) * 0.005;
        var answers = new byte?[6];
        for (var d = 0; d < 6; d++)
            answers[d] = r.Chance(pSome) ? (byte)2 : (byte)1;
        if (r.Chance(pDisability))
        {
            // Seeing and walking dominate in old age; remembering and communicating among the young.
            var old = age >= 50;
            var weights = old
                ? new (int Domain, double Weight)[] { (0, 3), (1, 2), (2, 4), (3, 2), (4, 1), (5, 0.5) }
                : [(0, 1), (1, 1), (2, 1.5), (3, 1.5), (4, 1), (5, 1.5)];
            answers[r.PickWeighted(weights)] = r.Chance(0.8) ? (byte)3 : (byte)4;
            if (r.Chance(0.25))
                answers[r.PickWeighted(weights)] = 3;
        }
        if (r.Chance(0.01))
            answers[r.Between(0, 5)] = null;
        return new WashingtonGroupAnswers(answers[0], answers[1], answers[2], answers[3], answers[4], answers[5]);
    }
}
