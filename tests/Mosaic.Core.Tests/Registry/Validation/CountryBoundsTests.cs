using Mosaic.Core.Registry.Validation;

namespace Mosaic.Core.Tests.Registry.Validation;

/// <summary>
/// The committed country boxes against facts known apart from the table: capitals' coordinates (rounded, from any
/// atlas) lie in their country's box without the margin, and points known to be elsewhere do not.
/// </summary>
public sealed class CountryBoundsTests
{
    [Theory]
    [InlineData("BD", 23.81, 90.41)] // Dhaka
    [InlineData("CF", 4.39, 18.56)] // Bangui
    [InlineData("TD", 12.13, 15.06)] // N'Djamena
    [InlineData("HT", 18.54, -72.34)] // Port-au-Prince
    [InlineData("AF", 34.53, 69.17)] // Kabul
    [InlineData("SS", 4.85, 31.58)] // Juba
    [InlineData("SO", 2.05, 45.32)] // Mogadishu
    [InlineData("YE", 15.37, 44.19)] // Sana'a
    [InlineData("CD", -4.32, 15.31)] // Kinshasa
    [InlineData("NG", 9.08, 7.40)] // Abuja
    [InlineData("ML", 12.64, -8.00)] // Bamako
    [InlineData("SD", 15.50, 32.56)] // Khartoum
    [InlineData("MM", 16.87, 96.20)] // Yangon
    [InlineData("SY", 33.51, 36.29)] // Damascus
    [InlineData("UA", 50.45, 30.52)] // Kyiv
    [InlineData("CO", 4.71, -74.07)] // Bogotá
    [InlineData("MZ", -25.97, 32.57)] // Maputo
    [InlineData("FJ", -18.14, 178.44)] // Suva
    [InlineData("WS", -13.83, -171.76)] // Apia
    public void ACapital_LiesInItsCountrysBox(string iso2, double latitude, double longitude)
    {
        Assert.True(CountryBounds.All[iso2].Contains(latitude, longitude, margin: 0), $"{iso2} {latitude} {longitude}");
    }

    [Theory]
    [InlineData("BD", 48.85, 2.35)] // Paris
    [InlineData("BD", 90.41, 23.81)] // Dhaka swapped: no latitude of 90.41 on Earth but the pole
    [InlineData("BD", 23.81, -90.41)] // Dhaka with the sign of its longitude lost
    [InlineData("CF", 0, 0)]
    [InlineData("HT", 18.54, 72.34)] // Port-au-Prince east instead of west
    public void APointElsewhere_IsOutsideTheBox_EvenWithTheMargin(string iso2, double latitude, double longitude)
    {
        Assert.False(CountryBounds.All[iso2].Contains(latitude, longitude, CountryBounds.Margin));
    }

    [Fact]
    public void EveryBox_IsAPlaceOnEarth_OncePerCode()
    {
        Assert.True(CountryBounds.All.Count > 200);
        Assert.All(CountryBounds.All, pair =>
        {
            var b = pair.Value;
            Assert.Equal(pair.Key, b.Iso2);
            Assert.Matches("^[A-Z]{2}$", b.Iso2);
            Assert.InRange(b.South, -90, b.North);
            Assert.InRange(b.North, b.South, 90);
            Assert.InRange(b.West, -180, 180);
            Assert.InRange(b.East, -180, 180);
        });
    }

    [Theory]
    [InlineData("BD55490917", "BD")]
    [InlineData("cf11", "CF")]
    [InlineData("BGD", null)] // alpha-3: not a prefix
    [InlineData("BDX1", null)]
    [InlineData("ZZ10", null)] // no such country
    public void APcode_NamesItsCountryByItsTwoLeadingLetters(string pcode, string? iso2)
    {
        Assert.Equal(iso2, CountryBounds.ForPcode(pcode)?.Iso2);
    }

    [Fact]
    public void ABoxAcrossTheAntimeridian_WrapsAround()
    {
        var box = new CountryBox("XX", "Across", 170, -20, -170, -10);
        Assert.True(box.Contains(-15, 175, 0));
        Assert.True(box.Contains(-15, -175, 0));
        Assert.False(box.Contains(-15, 0, 0));
        Assert.False(box.Contains(-15, 165, 0));
        Assert.True(box.Contains(-15, 169.8, 0.5));
    }
}
