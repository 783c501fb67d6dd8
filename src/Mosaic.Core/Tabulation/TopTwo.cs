namespace Mosaic.Core.Tabulation;

/// <summary>The two largest of two (largest, second) pairs: the top two of a union are among the parts' top twos.</summary>
internal static class TopTwo
{
    public static (double Largest, double Second) Merge(double a1, double a2, double b1, double b2) =>
        a1 >= b1 ? (a1, Math.Max(a2, b1)) : (b1, Math.Max(b2, a1));
}
