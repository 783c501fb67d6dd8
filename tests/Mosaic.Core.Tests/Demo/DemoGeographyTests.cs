using Mosaic.Core.Demo;

namespace Mosaic.Core.Tests.Demo;

public sealed class DemoGeographyTests
{
    private static readonly DemoGeography s_geography = DemoGeography.Build(2026);

    [Fact]
    public void Areas_UseTheRealCodPcodesAboveTheUpazila()
    {
        var byCode = s_geography.Areas.ToDictionary(a => a.Pcode);
        Assert.Equal(("Bangladesh", 0), (byCode["BGD"].Name, byCode["BGD"].Level));
        Assert.Equal(("Rangpur", 1, "BGD"), (byCode["BD55"].Name, byCode["BD55"].Level, byCode["BD55"].ParentPcode));
        Assert.Equal(("Kurigram", 2, "BD55"), (byCode["BD5549"].Name, byCode["BD5549"].Level, byCode["BD5549"].ParentPcode));
        Assert.Equal(("Chilmari", 3, "BD5549"), (byCode["BD554909"].Name, byCode["BD554909"].Level, byCode["BD554909"].ParentPcode));
        Assert.Equal(6, s_geography.Unions.Count);
    }

    [Fact]
    public void Areas_ListParentsBeforeChildren()
    {
        var seen = new HashSet<string>();
        foreach (var a in s_geography.Areas)
        {
            Assert.True(a.ParentPcode is null || seen.Contains(a.ParentPcode), $"{a.Pcode} before its parent {a.ParentPcode}");
            Assert.True(seen.Add(a.Pcode), $"{a.Pcode} twice");
        }
    }

    [Fact]
    public void Unions_TileTheUpazilaWithoutOverlaps()
    {
        var outline = ChilmariGeography.Outline;
        var unions = s_geography.Unions.Select(u => u.Boundary!).ToList();
        Assert.Equal(outline.Area, unions.Sum(u => u.Area), 9);
        for (var i = 0; i < unions.Count; i++)
        {
            Assert.True(unions[i].IsValid);
            for (var j = i + 1; j < unions.Count; j++)
                Assert.True(unions[i].Intersection(unions[j]).Area < 1e-12, $"unions {i} and {j} overlap");
        }
        // Each union contains its own centre.
        foreach (var (u, (_, _, lon, lat, _)) in s_geography.Unions.Zip(ChilmariGeography.Unions))
            Assert.True(u.Boundary!.Contains(ChilmariGeography.Factory.CreatePoint(new NetTopologySuite.Geometries.Coordinate(lon, lat))));
    }

    [Fact]
    public void Villages_TileTheirUnion_WithCodesUnderTheUnionPcode()
    {
        foreach (var union in s_geography.Unions)
        {
            var villages = s_geography.Villages.Where(v => v.UnionPcode == union.Pcode).ToList();
            Assert.InRange(villages.Count, 15, 25);
            Assert.All(villages, v => Assert.Matches("^" + union.Pcode + "[0-9]{2}$", v.Pcode));
            Assert.All(villages, v => Assert.Equal(5, v.Area.Level));
            Assert.Equal(union.Boundary!.Area, villages.Sum(v => v.Boundary.Area), 9);
            Assert.All(villages, v => Assert.True(v.Boundary.Area > union.Boundary.Area / 400, $"{v.Pcode} is a sliver"));
        }
        Assert.Equal(s_geography.Villages.Count, s_geography.Villages.Select(v => v.Area.Name).Distinct().Count());
    }

    [Fact]
    public void CharVillages_AreTheRiverExposedOnesInCharUnions()
    {
        Assert.Contains(s_geography.Villages, v => v.IsChar);
        Assert.All(s_geography.Villages.Where(v => v.IsChar), v => Assert.True(ChilmariGeography.Unions[v.UnionIndex].IsChar && v.RiverExposure > 0.4));
        Assert.True(s_geography.Villages.Where(v => v.IsChar).Average(v => v.RiverExposure) >
                    s_geography.Villages.Where(v => !v.IsChar).Average(v => v.RiverExposure));
    }
}
