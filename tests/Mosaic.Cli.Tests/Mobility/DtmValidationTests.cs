using Mosaic.Core.Import;
using Mosaic.Core.Mobility.Import;

namespace Mosaic.Cli.Tests.Mobility;

/// <summary>
/// Bad DTM input gets an error naming the record and the field, and nothing is written; round anomalies are
/// warnings naming both records, and both are kept.
/// </summary>
public sealed class DtmValidationTests
{
    private const string Header =
        "id,operation,admin0Name,admin0Pcode,admin1Name,admin1Pcode,admin2Name,admin2Pcode,adminLevel,numPresentIdpInd,reportingDate," +
        "yearReportingDate,monthReportingDate,roundNumber,displacementReason,numberMales,numberFemales,idpOriginAdmin1Name,idpOriginAdmin1Pcode,assessmentType,operationStatus\n";

    private static string Row(string id = "1", string idps = "100", string date = "2024-03-31T00:00:00", string year = "2024", string month = "3",
        string round = "2", string males = "40", string females = "50", string type = "BA", string pcode = "HT0111") =>
        $"{id},Countrywide monitoring,Haiti,HTI,West,HT01,Port-au-Prince,{pcode},2,{idps},{date},{year},{month},{round},Conflict,{males},{females},Not available,Not available,{type},Active\n";

    private static async Task<DtmImportResult> Import(MobilityTestStore t, string content)
    {
        var path = t.Write("dtm.csv", Header + "#id+code,#operation+name\n" + content);
        return await DtmImporter.ImportAsync(t.Store.Areas, t.Store.Mobility, ImportSource.FromFile(path), cancellationToken: TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("assessmentType", "unknown assessment type")]
    [InlineData("numPresentIdpInd", "count is negative")]
    [InlineData("numberMales", "exceed numPresentIdpInd")]
    [InlineData("reportingDate", "out of range")]
    [InlineData("monthReportingDate", "does not match the reporting date")]
    public async Task Import_WithABadField_ReportsRecordAndFieldAndWritesNothing(string field, string reason)
    {
        using var t = new MobilityTestStore();
        var bad = field switch
        {
            "assessmentType" => Row(id: "7", type: "XX"),
            "numPresentIdpInd" => Row(id: "7", idps: "-5", males: "", females: ""),
            "numberMales" => Row(id: "7", idps: "80"),
            "reportingDate" => Row(id: "7", date: "2094-03-31T00:00:00", year: "2094"),
            _ => Row(id: "7", month: "4"),
        };
        var result = (await Import(t, Row() + bad));
        var issue = Assert.Single(result.Errors);
        Assert.Equal(4, issue.Row);
        Assert.Equal(field, issue.Column);
        Assert.Contains("record 7", issue.Reason, StringComparison.Ordinal);
        Assert.Contains(reason, issue.Reason, StringComparison.Ordinal);
        Assert.False(result.Committed);
        Assert.Equal(0, await t.Store.Mobility.CountAssessmentsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Import_RoundNumbersGoingBackInAFile_ImportsBothAndWarnsNamingBoth()
    {
        using var t = new MobilityTestStore();
        var result = (await Import(t, Row(id: "1", round: "5") + Row(id: "2", round: "4", date: "2024-06-30T00:00:00", month: "6")));
        Assert.Empty(result.Errors);
        Assert.True(result.Committed);
        Assert.Equal(2, await t.Store.Mobility.CountAssessmentsAsync(TestContext.Current.CancellationToken));
        var warning = Assert.Single(result.Warnings, w => w.Column == "roundNumber");
        Assert.Equal(4, warning.Row);
        Assert.Contains("round numbers go back", warning.Reason, StringComparison.Ordinal);
        Assert.Contains("record dtm:adm2:1 (row 3) has round 5 on 2024-03-31", warning.Reason, StringComparison.Ordinal);
        Assert.Contains("record dtm:adm2:2 (row 4) has round 4 on 2024-06-30", warning.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_RoundAtASecondDateAgainstTheDatabase_ImportsItAndNamesTheStoredRecord()
    {
        using var t = new MobilityTestStore();
        Assert.True((await Import(t, Row(id: "1", round: "5"))).Committed);
        var result = (await Import(t, Row(id: "2", round: "5", date: "2024-09-30T00:00:00", month: "9")));
        Assert.True(result.Committed);
        Assert.Equal(2, await t.Store.Mobility.CountAssessmentsAsync(TestContext.Current.CancellationToken));
        var warning = Assert.Single(result.Warnings, w => w.Column == "roundNumber");
        Assert.Contains("round 5 is reported at two dates", warning.Reason, StringComparison.Ordinal);
        Assert.Contains("record dtm:adm2:1 (already in the database) has round 5 on 2024-03-31", warning.Reason, StringComparison.Ordinal);
        Assert.Contains("record dtm:adm2:2 (row 3) has round 5 on 2024-09-30", warning.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("roundNumber", "4294967297", "round number above 2,147,483,647")]
    [InlineData("numPresentIdpInd", "9223372036854775807", "count above 10,000,000,000")]
    public async Task Import_WithANumberTooLargeToBeReal_RejectsItInsteadOfWrappingAround(string field, string value, string reason)
    {
        using var t = new MobilityTestStore();
        var result = (await Import(t, field == "roundNumber" ? Row(round: value) : Row(idps: value, males: "", females: "")));
        var issue = Assert.Single(result.Errors);
        Assert.Equal(field, issue.Column);
        Assert.Contains(reason, issue.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await t.Store.Mobility.CountAssessmentsAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("2024-03-31 00:00:00+00:00")]
    [InlineData("2024-03-31T00:00:00Z")]
    [InlineData("2024-03-31T23:30:00-05:00")]
    [InlineData("2024-03-31")]
    public async Task Import_ReportingDateWithATimeAndOffset_KeepsTheDateAsWritten(string date)
    {
        using var t = new MobilityTestStore();
        var result = (await Import(t, Row(date: date)));
        Assert.Empty(result.Errors);
        Assert.Equal(new DateOnly(2024, 3, 31), (await t.Store.Mobility.GetAssessmentAsync("dtm:adm2:1", TestContext.Current.CancellationToken))!.ReportingDate);
    }

    [Fact]
    public async Task Import_WithSkipInvalid_StoresTheGoodRecordsOnly()
    {
        using var t = new MobilityTestStore();
        var path = t.Write("dtm.csv", Header + Row(id: "1") + Row(id: "2", type: "ZZ", pcode: "HT0112"));
        var result = await DtmImporter.ImportAsync(t.Store.Areas, t.Store.Mobility, ImportSource.FromFile(path), new DtmImportOptions { SkipInvalid = true }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.Committed);
        Assert.Single(result.Errors);
        Assert.Equal(1, await t.Store.Mobility.CountAssessmentsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Import_ChangedRecord_ReplacesTheStoredOne()
    {
        using var t = new MobilityTestStore();
        await Import(t, Row(id: "1"));
        var second = (await Import(t, Row(id: "1", idps: "150")));
        Assert.Equal(1, second.Counts.Updated);
        Assert.Equal(150, (await t.Store.Mobility.GetAssessmentAsync("dtm:adm2:1", TestContext.Current.CancellationToken))!.Individuals(Core.Mobility.PopulationType.Idp));
    }
}
