using Mosaic.Core.Registry;
using Mosaic.Core.Registry.Validation;

namespace Mosaic.Core.Tests.Registry.Validation;

public sealed class FieldRulesTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("120", 120)]
    [InlineData("38.0", 38)]
    public void Age_WholeNumberInRange_IsAccepted(string text, int expected)
    {
        Assert.Null(FieldRules.Age(text, out var age));
        Assert.Equal(expected, age);
    }

    [Theory]
    [InlineData("250", "between 0 and 120")]
    [InlineData("-1", "between 0 and 120")]
    [InlineData("3.5", "whole number")]
    [InlineData("ten", "whole number")]
    [InlineData("1e1", "whole number")]
    public void Age_OutOfRangeOrNotWhole_IsRejectedWithReason(string text, string reason) =>
        Assert.Contains(reason, FieldRules.Age(text, out _));

    [Fact]
    public void Gps_KoboGeopoint_ParsesAllFourParts()
    {
        Assert.Null(FieldRules.Gps("25.5741 89.6712 21 4.5", out var p));
        Assert.Equal(new GeoPoint(25.5741, 89.6712, 21, 4.5), p);
    }

    [Theory]
    [InlineData("north 89.6")]
    [InlineData("25.5")]
    [InlineData("95 89")]
    [InlineData("25 181")]
    [InlineData("1 2 3 4 5")]
    public void Gps_Malformed_IsRejected(string text) => Assert.NotNull(FieldRules.Gps(text, out _));

    [Fact]
    public void Date_ExcelSerial_IsAcceptedOnlyFromSpreadsheets()
    {
        Assert.Null(FieldRules.Date("46144", allowSerial: true, out var d));
        Assert.Equal(new DateOnly(2026, 5, 2), d);
        Assert.NotNull(FieldRules.Date("46144", allowSerial: false, out _));
        Assert.NotNull(FieldRules.Date("02/05/2026", allowSerial: true, out _));
    }

    [Fact]
    public void Timestamp_WithoutOffset_IsUtc()
    {
        Assert.Null(FieldRules.Timestamp("2026-09-14T10:30:00", false, out var t));
        Assert.Equal(new DateTimeOffset(2026, 9, 14, 10, 30, 0, TimeSpan.Zero), t);
    }

    [Fact]
    public void WashingtonGroup_OnlyOneToFour()
    {
        Assert.Null(FieldRules.WashingtonGroup("4", out var a));
        Assert.Equal(4, a);
        Assert.NotNull(FieldRules.WashingtonGroup("5", out _));
        Assert.NotNull(FieldRules.WashingtonGroup("0", out _));
    }

    [Fact]
    public void Shocks_UnknownCode_NamesItAndTheAllowedCodes()
    {
        Assert.Null(FieldRules.Shocks("flood  job_loss", null, out var s));
        Assert.Equal(Shocks.Flood | Shocks.JobLoss, s);
        var problem = FieldRules.Shocks("flood tsunami", null, out _);
        Assert.Contains("'tsunami'", problem);
        Assert.Contains("erosion", problem);
    }

    [Fact]
    public void Shocks_None_IsNoShock_AndNeverComesWithAShock()
    {
        Assert.Null(FieldRules.Shocks("none", null, out var s));
        Assert.Equal(Shocks.None, s);
        Assert.Equal("'none' (no shock) cannot be combined with a shock", FieldRules.Shocks("flood none", null, out _));
    }

    [Theory]
    [InlineData("1e308", "implausibly large")]
    [InlineData("-5", "negative")]
    public void Amount_ImplausibleOrNegative_IsRejected(string text, string reason) =>
        Assert.Contains(reason, FieldRules.NonNegative(text, out _));

    [Theory]
    [InlineData("2099-01-01", "in the future")]
    [InlineData("0001-01-01", "before 1900-01-01")]
    [InlineData("1899-12-31", "before 1900-01-01")]
    public void Date_OutsidePlausibleRange_IsRejected(string text, string reason) =>
        Assert.Contains(reason, FieldRules.Date(text, allowSerial: false, out _));

    [FsCheck.Xunit.Property]
    public bool Age_AcceptsExactlyTheWholeNumbersFrom0To120(int n) =>
        (FieldRules.Age(n.ToString(System.Globalization.CultureInfo.InvariantCulture), out var age) is null) == (n is >= 0 and <= 120) &&
        (n is < 0 or > 120 || age == n);

    [Fact]
    public void Roster_NeedsMembersAndExactlyOneHead()
    {
        Assert.Contains("no members", HouseholdRules.Roster([]));
        Assert.Contains("no head", HouseholdRules.Roster([new Person { Relation = Relation.Child }]));
        Assert.Contains("2 heads", HouseholdRules.Roster([new Person { Relation = Relation.Head }, new Person { Relation = Relation.Head }]));
        Assert.Null(HouseholdRules.Roster([new Person { Relation = Relation.Head }, new Person { Relation = Relation.Child }]));
    }
}
