using System.Globalization;
using System.Text.Json;
using Mosaic.Core.Registry.Validation;

namespace Mosaic.Core.Registry.Import;

public sealed partial class RegistrationMapping
{
    private const string RangeKeys = "age, household_size, income_before, income_now, remittance_amount, ref_welfare, move_date, _submission_time";

    /// <summary>The plausible ranges of values (the mapping's <c>ranges</c>, else <see cref="PlausibleRanges.Default"/>).</summary>
    internal PlausibleRanges Ranges { get; private set; } = PlausibleRanges.Default;

    private void ApplyRanges(JsonElement section, List<string> problems)
    {
        if (section.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"ranges must be an object of field → {{ \"min\": …, \"max\": … }}; fields: {RangeKeys}");
            return;
        }
        var r = PlausibleRanges.Default;
        foreach (var property in section.EnumerateObject())
        {
            var key = "ranges." + property.Name;
            switch (property.Name)
            {
                case "age":
                    r = r with { Age = Numbers(property.Value, key, r.Age, 0, 150, problems) };
                    break;
                case "household_size":
                    r = r with { HouseholdSize = Numbers(property.Value, key, r.HouseholdSize, 1, 1000, problems) };
                    break;
                case "income_before":
                    r = r with { IncomeBefore = Numbers(property.Value, key, r.IncomeBefore, 0, double.MaxValue, problems) };
                    break;
                case "income_now":
                    r = r with { IncomeNow = Numbers(property.Value, key, r.IncomeNow, 0, double.MaxValue, problems) };
                    break;
                case "remittance_amount":
                    r = r with { RemittanceAmount = Numbers(property.Value, key, r.RemittanceAmount, 0, double.MaxValue, problems) };
                    break;
                case "ref_welfare":
                    r = r with { ReferenceWelfare = Numbers(property.Value, key, r.ReferenceWelfare, 0, double.MaxValue, problems) };
                    break;
                case "move_date":
                    r = r with { MoveDate = Dates(property.Value, key, r.MoveDate, problems) };
                    break;
                case "_submission_time":
                    r = r with { SubmissionTime = Dates(property.Value, key, r.SubmissionTime, problems) };
                    break;
                default:
                    problems.Add($"ranges: unknown field '{property.Name}'; ranges can be set for: {RangeKeys}");
                    break;
            }
        }
        Ranges = r;
    }

    private static NumberRange Numbers(JsonElement value, string key, NumberRange range, double lowest, double highest, List<string> problems)
    {
        if (!IsRangeObject(value, key, problems))
            return range;
        var (min, max) = (range.Min, range.Max);
        foreach (var bound in value.EnumerateObject())
        {
            if (bound.Value.ValueKind != JsonValueKind.Number || !bound.Value.TryGetDouble(out var number) || !double.IsFinite(number))
            {
                problems.Add($"{key}.{bound.Name}: expected a number");
                continue;
            }
            if (number < lowest || number > highest)
            {
                problems.Add($"{key}.{bound.Name}: {bound.Value.GetRawText()} is outside {lowest.ToString(CultureInfo.InvariantCulture)}–{(highest == double.MaxValue ? "any" : highest.ToString(CultureInfo.InvariantCulture))}");
                continue;
            }
            if (bound.Name == "min")
                min = number;
            else
                max = number;
        }
        if (min > max)
        {
            problems.Add($"{key}: min {min.ToString(CultureInfo.InvariantCulture)} is above max {max.ToString(CultureInfo.InvariantCulture)}");
            return range;
        }
        return new NumberRange(min, max);
    }

    private static DateRange Dates(JsonElement value, string key, DateRange range, List<string> problems)
    {
        if (!IsRangeObject(value, key, problems))
            return range;
        var (min, max) = (range.Min, range.Max);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var bound in value.EnumerateObject())
        {
            if (bound.Value.ValueKind != JsonValueKind.String ||
                !DateOnly.TryParseExact(bound.Value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                problems.Add($"{key}.{bound.Name}: expected a date \"YYYY-MM-DD\"");
                continue;
            }
            if (bound.Name == "min" && date < new DateOnly(1800, 1, 1))
            {
                problems.Add($"{key}.min: {date:yyyy-MM-dd} is before 1800-01-01");
                continue;
            }
            if (bound.Name == "max" && date > today)
            {
                problems.Add($"{key}.max: {date:yyyy-MM-dd} is in the future: a date after today is never plausible");
                continue;
            }
            if (bound.Name == "min")
                min = date;
            else
                max = date;
        }
        if (max is { } m && min > m)
        {
            problems.Add($"{key}: min {min:yyyy-MM-dd} is after max {m:yyyy-MM-dd}");
            return range;
        }
        return new DateRange(min, max);
    }

    private static bool IsRangeObject(JsonElement value, string key, List<string> problems)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{key}: expected {{ \"min\": …, \"max\": … }}");
            return false;
        }
        var ok = true;
        foreach (var bound in value.EnumerateObject())
        {
            if (bound.Name is not ("min" or "max"))
            {
                problems.Add($"{key}: unknown bound '{bound.Name}'; expected min and/or max");
                ok = false;
            }
        }
        return ok;
    }
}
