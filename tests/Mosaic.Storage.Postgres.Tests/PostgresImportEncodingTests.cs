using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using Mosaic.Storage.Contract;
using Npgsql;

namespace Mosaic.Storage.Postgres.Tests;

/// <summary>
/// The import encodes registry rows in PostgreSQL's binary COPY format itself: values at the edges of that format
/// (dates and times before its 2000-01-01 epoch, fractions of a second, NULL in every optional column, text beyond
/// the first characters of Unicode and larger than the send buffer) must arrive exactly as given.
/// </summary>
public sealed class PostgresImportEncodingTests(PostgresServer server) : IDisposable
{
    private readonly PostgresTestDatabase _database = new(server);

    [Fact]
    public async Task Import_ValuesAtTheEdgesOfTheCopyFormat_ReadBackExactlyAsGiven()
    {
        var longName = string.Concat(Enumerable.Repeat("আমিনা বেগম 👩🏽‍🌾 ", 8_000)); // ~130k characters, ~350 KB of UTF-8
        var edges = new Household
        {
            SubmissionId = "uuid-edges-ঢাকা",
            HouseholdCode = "HH-ü-001",
            AreaPcode = "BD55490917",
            SubmittedAt = new DateTimeOffset(1999, 12, 31, 23, 59, 59, 123, TimeSpan.FromHours(5.5)),
            Gps = new GeoPoint(-33.8688123456789, -151.2092987654321, -12.25, 0.5),
            Dwelling = Dwelling.Permanent,
            IncomeBefore = 0,
            IncomeNow = 999_999_999_999.75,
            Remittances = false,
            RemittanceAmount = 0.1,
            Debt = false,
            Savings = false,
            AssistanceReceived = false,
            Shocks = Shocks.Flood | Shocks.Erosion | Shocks.JobLoss,
            ReferenceWelfare = 1234.5678,
            Members =
            [
                Fixtures.Member(1, Sex.Female, 120, Relation.Head, MigratoryStatus.Returnee) with
                {
                    Name = longName,
                    Phone = "+880 1711-000000",
                    PreviousCountry = "SAU",
                    MoveDate = new DateOnly(1900, 1, 1),
                    MoveReason = MoveReason.JobLoss,
                    WashingtonGroup = new WashingtonGroupAnswers(4, 3, 2, 1, 4, 3),
                    InSchool = false,
                    EmployedBefore = true,
                    EmployedNow = false,
                },
                Fixtures.Member(2, Sex.Male, 0, Relation.Child, MigratoryStatus.Idp) with
                {
                    Name = null,
                    PreviousPcode = "BD55490959",
                    MoveDate = new DateOnly(2000, 1, 1),
                },
            ],
        };
        // Nothing optional given at all.
        var bare = new Household
        {
            SubmissionId = "uuid-bare",
            AreaPcode = "BD55490959",
            Members = [new Person { LineNumber = 1, Sex = Sex.Unknown, Relation = Relation.Other, MigratoryStatus = MigratoryStatus.Unknown }],
        };

        using (var store = _database.Open())
        {
            await store.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: TestContext.Current.CancellationToken);
            using var batch = await store.Registry.BeginImportAsync("edges.csv", TestContext.Current.CancellationToken);
            await batch.AddAllAsync([edges, bare], TestContext.Current.CancellationToken);
            var committed = await batch.CommitAsync(TestContext.Current.CancellationToken);
            Assert.Equal((2, 3), (committed.Households, committed.Persons));
        }

        using (var store = _database.Open())
        {
            var read = (await store.Registry.ReadHouseholdsAsync(null, HouseholdFields.Location, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken)).OrderBy(h => h.SubmissionId, StringComparer.Ordinal).ToList();
            Assert.Equal(2, read.Count);
            // Names and phones are not part of ordinary reads: compared below, as stored.
            Assert.Equal(bare with { Id = read[0].Id, Members = read[0].Members }, read[0]);
            Assert.Equal(bare.Members, read[0].Members);
            Assert.Equal(edges with { Id = read[1].Id, Members = read[1].Members }, read[1]);
            Assert.Equal(edges.Members.Select(m => m with { Name = null, Phone = null }), read[1].Members);
            // The stored fingerprint is the one computed from the household given: a re-import is a duplicate.
            using var again = await store.Registry.BeginImportAsync("edges.csv", TestContext.Current.CancellationToken);
            Assert.Equal(RegistrationOutcome.Duplicate, await again.AddAsync(edges, TestContext.Current.CancellationToken));
        }

        using var raw = new NpgsqlConnection(_database.ConnectionString());
        raw.Open();
        using var cmd = new NpgsqlCommand(
            "SELECT p.name, p.phone, to_char(h.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), p.move_date::text FROM person p JOIN household h ON h.id = p.household_id " +
            "WHERE h.submission_id = 'uuid-edges-ঢাকা' ORDER BY p.line", raw);
        using var r = cmd.ExecuteReader();
        Assert.True(r.Read());
        Assert.Equal(longName, r.GetString(0));
        Assert.Equal("+880 1711-000000", r.GetString(1));
        Assert.Equal("1999-12-31 18:29:59.123000", r.GetString(2));
        Assert.Equal("1900-01-01", r.GetString(3));
        Assert.True(r.Read());
        Assert.True(r.IsDBNull(0));
        Assert.True(r.IsDBNull(1));
        Assert.Equal("2000-01-01", r.GetString(3));
        Assert.False(r.Read());
    }

    public void Dispose() => _database.Dispose();
}
