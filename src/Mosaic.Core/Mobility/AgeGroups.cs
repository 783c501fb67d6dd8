namespace Mosaic.Core.Mobility;

/// <summary>The default age bands of DESIGN §2 used by assessment and flow breakdowns.</summary>
public static class AgeGroups
{
    /// <summary>Children under 5 (<c>0-4</c>).</summary>
    public const string Under5 = "0-4";
    /// <summary>Children aged 5 to 17 (<c>5-17</c>).</summary>
    public const string Children = "5-17";
    /// <summary>Adults aged 18 to 59 (<c>18-59</c>).</summary>
    public const string Adults = "18-59";
    /// <summary>Persons aged 60 or more (<c>60+</c>).</summary>
    public const string Elderly = "60+";

    /// <summary>The bands in order.</summary>
    public static IReadOnlyList<string> All { get; } = [Under5, Children, Adults, Elderly];

    /// <summary>Whether a code is one of the four default bands.</summary>
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
