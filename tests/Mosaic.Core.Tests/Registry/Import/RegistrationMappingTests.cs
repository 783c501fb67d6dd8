using Mosaic.Core.Import;
using Mosaic.Core.Registry.Import;
using Mosaic.Storage.Contract;

namespace Mosaic.Core.Tests.Registry.Import;

public sealed class RegistrationMappingTests
{
    [Fact]
    public void Load_PartnerMapping_RenamesRecodesAndDefaults()
    {
        var mapping = RegistrationMapping.Load(ImportSource.FromFile("data/registrations/other-form-mapping.json"));
        Assert.Equal(["gender"], mapping.MemberSources[(int)MemberField.Sex]);
        Assert.Equal("female", mapping.MemberRecodes[(int)MemberField.Sex]!["1"]);
        Assert.Equal("BD55490959", mapping.HouseholdDefaults[(int)HouseholdField.AreaPcode]);
        // Fields the mapping does not name keep the standard names.
        Assert.Contains("dwelling", mapping.HouseholdSources[(int)HouseholdField.Dwelling]);
    }

    [Fact]
    public void Load_InvalidMapping_ReportsEveryProblemAtOnce()
    {
        using var dir = new TempDirectory();
        var path = dir.File("bad.json");
        File.WriteAllText(path, """
            {
              "household": { "adm_code": "pcode", "dwelling": 5 },
              "members": { "sex": "gender" },
              "choices": { "sex": { "1": "woman" }, "age": { "1": "2" } },
              "defaults": { "_uuid": "x", "dwelling": "castle" },
              "extra": true
            }
            """);
        var ex = Assert.Throws<RegistrationMappingException>(() => RegistrationMapping.Load(ImportSource.FromFile(path)));
        Assert.Contains(ex.Problems, p => p.Contains("unknown Mosaic field 'adm_code'", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("household.dwelling", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("'woman'", StringComparison.Ordinal) && p.Contains("female", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("choices.age: not a choice field", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("defaults._uuid", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("'castle'", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("unknown key 'extra'", StringComparison.Ordinal));
        Assert.Equal(7, ex.Problems.Count);
    }

    [Fact]
    public void Load_NotJson_SaysSo()
    {
        using var dir = new TempDirectory();
        var path = dir.File("bad.json");
        File.WriteAllText(path, "{ household: ");
        var ex = Assert.Throws<RegistrationMappingException>(() => RegistrationMapping.Load(ImportSource.FromFile(path)));
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HeaderLookup_GroupPaths_ResolveToTheLastSegmentUnlessNamedInFull()
    {
        var lookup = new HeaderLookup(["meta/instanceID", "hh/location/adm_pcode", "members/age", "meta-audit", "grp/age"]);
        Assert.Equal(0, lookup.Find("instanceID"));
        Assert.Equal(1, lookup.Find("adm_pcode"));
        Assert.Equal(2, lookup.Find("age"));
        Assert.Equal(4, lookup.Find("grp/age"));
        Assert.Equal(3, lookup.Find("audit"));
        Assert.Equal(-1, lookup.Find("sex"));
    }
}
