namespace Mosaic.Core.Demo;

/// <summary>
/// Synthetic personal names and phone numbers in the style of rural northern Bangladesh (mostly Muslim, with a
/// Hindu minority). Combinations are random: any resemblance to a real person is accidental.
/// </summary>
internal static class PersonNames
{
    private static readonly string[] s_muslimMale =
    [
        "Abdul", "Mohammad", "Rahim", "Karim", "Jamal", "Kamal", "Rafiq", "Shafiq", "Habib", "Nurul", "Anwar",
        "Mizanur", "Aminul", "Sirajul", "Abul", "Delwar", "Jahangir", "Shahidul", "Rashid", "Faruk", "Monir",
        "Alamgir", "Shamsul", "Mofizul", "Azizul", "Hafizur", "Lutfar", "Mostafa", "Ruhul", "Sohel", "Rubel",
        "Shahin", "Sumon", "Rasel", "Arif", "Hasan", "Imran", "Jewel", "Masud", "Milon", "Nazrul", "Rafiqul",
        "Saiful", "Tofazzal", "Zahid", "Ashraful", "Babul", "Harun", "Liton", "Selim",
    ];

    private static readonly string[] s_muslimFemale =
    [
        "Rahima", "Karima", "Fatema", "Ayesha", "Amena", "Jahanara", "Rokeya", "Nasima", "Shahnaz", "Rina", "Mina",
        "Shirin", "Nargis", "Parvin", "Rozina", "Hasina", "Khadija", "Marjina", "Momena", "Monowara", "Sufia",
        "Taslima", "Rehana", "Salma", "Shapla", "Sathi", "Mim", "Sumaiya", "Jannatul", "Lima", "Moushumi",
        "Popy", "Rupa", "Halima", "Kulsum", "Asma", "Beauty", "Josna", "Laily", "Shefali",
    ];

    private static readonly string[] s_muslimFamily =
    [
        "Islam", "Rahman", "Hossain", "Mia", "Ali", "Uddin", "Sheikh", "Sarkar", "Mondal", "Pramanik", "Bepari",
        "Mollah", "Talukder", "Haque", "Alam", "Miah", "Akand", "Fakir",
    ];

    private static readonly string[] s_muslimFemaleSuffix = ["Begum", "Khatun", "Akter", "Bibi"];

    private static readonly string[] s_hinduMale =
    [
        "Gopal", "Shyamal", "Nikhil", "Ratan", "Sujit", "Bimal", "Haripada", "Dilip", "Pradip", "Subrata", "Tapan",
        "Uttam", "Nitai", "Gobinda", "Paritosh", "Sanjoy", "Bablu", "Krishna",
    ];

    private static readonly string[] s_hinduFemale =
    [
        "Sabita", "Anjali", "Mitali", "Kalpana", "Rekha", "Bina", "Purnima", "Sumitra", "Lakshmi", "Gita", "Shikha",
        "Malati", "Dipali", "Swapna",
    ];

    private static readonly string[] s_hinduFamily = ["Roy", "Das", "Barman", "Sarkar", "Mondal", "Chandra", "Pal", "Debnath"];

    /// <summary>A family name for a new household.</summary>
    public static string Family(DemoRandom random, bool hindu) => random.Pick(hindu ? s_hinduFamily : s_muslimFamily);

    /// <summary>A full name: men carry the family name; Muslim women carry a female suffix, Hindu women the family name.</summary>
    public static string Person(DemoRandom random, bool hindu, bool female, string family)
    {
        if (hindu)
            return random.Pick(female ? s_hinduFemale : s_hinduMale) + " " + family;
        return female
            ? random.Pick(s_muslimFemale) + " " + random.Pick(s_muslimFemaleSuffix)
            : random.Pick(s_muslimMale) + " " + family;
    }

    /// <summary>An 11-digit Bangladeshi mobile number (<c>01</c>, an operator digit 3–9, eight digits).</summary>
    public static string Phone(DemoRandom random) =>
        string.Create(11, random.NextUInt64(), static (span, bits) =>
        {
            span[0] = '0';
            span[1] = '1';
            span[2] = (char)('3' + (int)(bits % 7));
            bits /= 7;
            for (var i = 3; i < 11; i++)
            {
                span[i] = (char)('0' + (int)(bits % 10));
                bits /= 10;
            }
        });
}
