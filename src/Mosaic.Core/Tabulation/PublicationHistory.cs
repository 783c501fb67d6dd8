using System.Globalization;
using System.Text.Json.Nodes;

namespace Mosaic.Core.Tabulation;

/// <summary>One published table as a publication log keeps it.</summary>
/// <param name="PublishedAt">When (UTC).</param>
/// <param name="Indicator">The indicator id (tables of one indicator are linked).</param>
/// <param name="Definition">What was tabulated, as JSON (<see cref="PublicationHistory"/>).</param>
/// <param name="Cells">The published value and denominator of every cell in table order, null where suppressed, as JSON.</param>
public sealed record LoggedTable(DateTimeOffset PublishedAt, string Indicator, string Definition, string Cells);

/// <summary>
/// Tables published earlier from the same registry (a publication log): how a published table is recorded, and how
/// a recorded table is brought back to be linked with a new one (<see cref="Tabulator.TabulatePublication"/>).
/// The store and the CLI option that keep the log are not built yet.
/// </summary>
/// <remarks>
/// The definition is the table as a publication file gives it (<c>indicator</c>, <c>by</c>, <c>area</c>,
/// <c>age_bands</c>) plus its rule (<c>min_cell</c>, <c>min_households</c>, <c>secondary</c>); the cells are, in table order, each
/// published cell's value and denominator (null for a suppressed cell). A recorded table is tabulated again from the
/// registry as it is now; only when every cell it published still has the same value is it linked (then the
/// registry has not changed under it, and the intruder's equations from it hold for the new table too).
/// </remarks>
public static class PublicationHistory
{
    /// <summary>The log entry of a table about to be published.</summary>
    public static LoggedTable Record(TabulationResult result, TabulationRequest request, DateTimeOffset at)
    {
        var definition = new JsonObject
        {
            ["indicator"] = request.IndicatorId,
            ["by"] = new JsonArray([.. request.By.Select(b => JsonValue.Create(b))]),
            ["area"] = request.AreaPcode,
            ["age_bands"] = request.AgeBands.ToString(),
            ["min_cell"] = request.MinimumCellSize,
            ["min_households"] = request.MinimumHouseholds,
            ["secondary"] = request.Secondary == Disclosure.SecondaryMethod.Optimal ? "optimal" : "hypercube",
        };
        var cells = new JsonArray();
        foreach (var cell in result.Cells)
            cells.Add(cell.Suppressed ? null : new JsonArray(JsonValue.Create(cell.Value), JsonValue.Create(cell.Denominator)));
        return new LoggedTable(at.ToUniversalTime(), request.IndicatorId, definition.ToJsonString(), cells.ToJsonString());
    }

    /// <summary>The request a logged table was tabulated with.</summary>
    internal static TabulationRequest Request(LoggedTable table)
    {
        var d = JsonNode.Parse(table.Definition)!.AsObject();
        var bands = d["age_bands"]?.GetValue<string>() is { } text ? AgeBands.Parse(text) : AgeBands.Default;
        return new TabulationRequest(d["indicator"]!.GetValue<string>(), [.. d["by"]!.AsArray().Select(b => b!.GetValue<string>())])
        {
            AreaPcode = d["area"]?.GetValue<string>(),
            AgeBands = bands,
            // Its bands were admitted when it was published, under the base of that day: it is linked, not checked again.
            BaseAgeBands = bands,
            MinimumCellSize = d["min_cell"]!.GetValue<int>(),
            MinimumHouseholds = d["min_households"]?.GetValue<int>() ?? 0,
            Secondary = d["secondary"]?.GetValue<string>() == "optimal" ? Disclosure.SecondaryMethod.Optimal : Disclosure.SecondaryMethod.Hypercube,
        };
    }

    /// <summary>Per cell, the published (value, denominator), or null where suppressed.</summary>
    internal static (double? Value, double? Denominator)?[] Cells(LoggedTable table)
    {
        var cells = JsonNode.Parse(table.Cells)!.AsArray();
        return [.. cells.Select(c => c is null ? ((double?, double?)?)null : (Number(c[0]), Number(c[1])))];
    }

    private static double? Number(JsonNode? node) => node is null ? null : node.GetValue<double>();

    /// <summary>Whether the table tabulated now publishes, in every cell the log published, the same value.</summary>
    internal static bool Unchanged((double? Value, double? Denominator)?[] logged, TabulationResult now)
    {
        if (logged.Length != now.Cells.Count)
            return false;
        for (var i = 0; i < logged.Length; i++)
        {
            if (logged[i] is not { } cell)
                continue;
            var current = now.Cells[i];
            if (current.Suppressed || !Same(cell.Value, current.Value) || !Same(cell.Denominator, current.Denominator))
                return false;
        }
        return true;
    }

    private static bool Same(double? a, double? b) =>
        a is null ? b is null : b is not null && Math.Abs(a.Value - b.Value) <= 1e-9 * Math.Max(1, Math.Abs(a.Value));

    /// <summary>For messages: when a logged table was published.</summary>
    internal static string When(LoggedTable table) => table.PublishedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
