using System.Numerics;

namespace Mosaic.Core.Tests.Disclosure.Oracle;

/// <summary>An exact fraction (BigInteger), so the oracle's simplex never rounds.</summary>
internal readonly record struct Rational(BigInteger Num, BigInteger Den) : IComparable<Rational>
{
    public static readonly Rational Zero = new(0, 1);
    public static readonly Rational One = new(1, 1);

    public static Rational Of(long value) => new(value, 1);

    public bool IsZero => Num.IsZero;

    public int Sign => Num.Sign;

    public static Rational operator +(Rational a, Rational b) => Make(a.Num * b.Den + b.Num * a.Den, a.Den * b.Den);

    public static Rational operator -(Rational a, Rational b) => Make(a.Num * b.Den - b.Num * a.Den, a.Den * b.Den);

    public static Rational operator -(Rational a) => new(-a.Num, a.Den);

    public static Rational operator *(Rational a, Rational b) =>
        a.IsZero || b.IsZero ? Zero : Make(a.Num * b.Num, a.Den * b.Den);

    public static Rational operator /(Rational a, Rational b) => Make(a.Num * b.Den, a.Den * b.Num);

    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;

    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;

    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    public int CompareTo(Rational other) => (Num * other.Den).CompareTo(other.Num * Den);

    public double ToDouble() => (double)Num / (double)Den;

    private static Rational Make(BigInteger num, BigInteger den)
    {
        if (den.IsZero)
            throw new DivideByZeroException();
        if (num.IsZero)
            return Zero;
        if (den.Sign < 0)
            (num, den) = (-num, -den);
        var g = BigInteger.GreatestCommonDivisor(num, den);
        return g.IsOne ? new Rational(num, den) : new Rational(num / g, den / g);
    }

    public override string ToString() => Den.IsOne ? Num.ToString() : $"{Num}/{Den}";
}
