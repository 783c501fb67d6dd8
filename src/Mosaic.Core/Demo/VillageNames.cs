namespace Mosaic.Core.Demo;

/// <summary>
/// Plausible village names of northern Bangladesh, built from common roots and place-name endings
/// (<c>-pur</c>, <c>-para</c>, <c>-danga</c>, …), and "Char …" for river islands. Not real village names.
/// </summary>
internal static class VillageNames
{
    private static readonly string[] s_roots =
    [
        "Ram", "Krishna", "Gopal", "Madhab", "Kasi", "Badar", "Fakir", "Bala", "Kali", "Joy", "Hari", "Rani",
        "Sona", "Kanu", "Balu", "Molla", "Bhela", "Pata", "Kamar", "Sheikh", "Bepari", "Nandi", "Gobinda",
        "Shiv", "Lakshmi", "Dakshin", "Uttar", "Purba", "Paschim", "Majhi", "Khamar", "Bhatia", "Ghughu",
        "Kurshi", "Mudi", "Pakhi", "Kaiya", "Tara", "Bagua", "Chandi", "Sarkar", "Raja", "Nil", "Kazi",
    ];

    private static readonly string[] s_endings =
    [
        "pur", "para", "gram", "danga", "hat", "kandi", "bari", "tola", "khali", "ganj", "nagar", "chara",
        "mari", "pota", "dighi", "bhita",
    ];

    private static readonly string[] s_charWords =
    [
        "Bhatia", "Gazir", "Balur", "Kodalkati", "Khoriar", "Mudafat", "Shakahati", "Matirbhita",
        "Dorbesh", "Gaibandhar", "Boalia", "Sannyasi", "Bakhari", "Jhunkar",
    ];

    /// <summary>A name not yet in <paramref name="used"/> (which it is added to).</summary>
    public static string Next(DemoRandom random, bool onChar, HashSet<string> used)
    {
        for (var attempt = 0; ; attempt++)
        {
            var name = onChar && random.Chance(0.45)
                ? "Char " + random.Pick(s_charWords)
                : random.Pick(s_roots) + random.Pick(s_endings);
            if (attempt > 20)
                name += " " + (attempt - 19);
            if (used.Add(name))
                return name;
        }
    }
}
