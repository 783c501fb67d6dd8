namespace Mosaic.Core.Mobility;

/// <summary>The default age bands of DESIGN §2 used by assessment and flow breakdowns.</summary>
public static class AgeGroups
{
    public const string Under5 = "0-4";
    public const string Children = "5-17";
    public const string Adults = "18-59";
    public const string Elderly = "60+";

    /// <summary>The bands in order.</summary>
    public static IReadOnlyList<string> All { get; } = [Under5, Children, Adults, Elderly];

    public static bool IsKnown(string? group) => group is Under5 or Children or Adults or Elderly;

    /// <summary>The band of an age in years.</summary>
    public static string Of(int age) => age switch
    {
        < 5 => Under5,
        < 18 => Children,
        < 60 => Adults,
        _ => Elderly,
    };
}
