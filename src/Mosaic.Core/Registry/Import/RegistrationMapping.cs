using System.Text.Json;
using Mosaic.Core.Import;

namespace Mosaic.Core.Registry.Import;

/// <summary>
/// How a form's columns and choice values map to Mosaic fields: column names per field (household and member
/// level), recodes of choice values, constant defaults and the member sheet's name. <see cref="Default"/> is the
/// standard form; a JSON mapping file (see docs/user-guide/registrations.md) overrides parts of it.
/// </summary>
public sealed partial class RegistrationMapping
{
    private RegistrationMapping()
    {
        HouseholdSources = new IReadOnlyList<string>[RegistrationFields.Household.Count];
        MemberSources = new IReadOnlyList<string>[RegistrationFields.Member.Count];
        HouseholdRecodes = new IReadOnlyDictionary<string, string?>?[HouseholdSources.Length];
        MemberRecodes = new IReadOnlyDictionary<string, string?>?[MemberSources.Length];
        HouseholdExplicit = new bool[HouseholdSources.Length];
        MemberExplicit = new bool[MemberSources.Length];
        MemberFromHousehold = new bool[MemberSources.Length];
        HouseholdDefaults = new string?[HouseholdSources.Length];
        MemberDefaults = new string?[MemberSources.Length];
        for (var i = 0; i < HouseholdSources.Length; i++)
            HouseholdSources[i] = RegistrationFields.Household[i].DefaultSources;
        for (var i = 0; i < MemberSources.Length; i++)
            MemberSources[i] = RegistrationFields.Member[i].DefaultSources;
    }

    /// <summary>The standard form, with common alternative names recognised.</summary>
    public static RegistrationMapping Default { get; } = new();

    /// <summary>Column names tried for each household field, in priority order.</summary>
    public IReadOnlyList<string>[] HouseholdSources { get; }

    /// <summary>Column names tried for each member field, in priority order.</summary>
    public IReadOnlyList<string>[] MemberSources { get; }

    /// <summary>Value recodes per household field (form value → Mosaic code, or null for "missing"), or null.</summary>
    public IReadOnlyDictionary<string, string?>?[] HouseholdRecodes { get; }

    /// <summary>Value recodes per member field (form value → Mosaic code, or null for "missing"), or null.</summary>
    public IReadOnlyDictionary<string, string?>?[] MemberRecodes { get; }

    /// <summary>
    /// Household fields whose columns the mapping file names: each named column must exist, and a list means the
    /// first non-empty of them in each row.
    /// </summary>
    public bool[] HouseholdExplicit { get; }

    /// <summary>Member fields whose columns the mapping file names (see <see cref="HouseholdExplicit"/>).</summary>
    public bool[] MemberExplicit { get; }

    /// <summary>
    /// Member fields the mapping takes from a household column (<c>"move_date": { "household": "arrival_date" }</c>):
    /// the household row's value is copied to every member. Their <see cref="MemberSources"/> are household columns.
    /// </summary>
    public bool[] MemberFromHousehold { get; }

    /// <summary>Value used when a household field's column is absent or the cell is empty.</summary>
    public string?[] HouseholdDefaults { get; }

    /// <summary>Value used when a member field's column is absent or the cell is empty.</summary>
    public string?[] MemberDefaults { get; }

    /// <summary>The member sheet's name in an XLSX (default: <c>members</c>, else the sheet with <c>_parent_index</c>).</summary>
    public string? MembersSheet { get; private set; }

    /// <summary>Whether the mapping names the household link column explicitly.</summary>
    public bool HasExplicitLink { get; private set; }

    /// <summary>Reads and validates a mapping file; every problem is reported at once.</summary>
    /// <exception cref="RegistrationMappingException">The file is not a valid mapping.</exception>
    public static RegistrationMapping Load(ImportSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var path = source.Name;
        JsonDocument doc;
        try
        {
            using var stream = JsonInput.Open(source, encoding: null);
            doc = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            var issue = JsonInput.Problem(path, ex, "JSON");
            throw new RegistrationMappingException(path, [issue.Reason]);
        }
        catch (InputFormatException ex)
        {
            // A mapping is written by hand for Mosaic: UTF-8, as every JSON file should be.
            throw new RegistrationMappingException(path, [ex.Issue.Reason.Replace("give its encoding or re-save it", "re-save it", StringComparison.Ordinal)]);
        }
        using (doc)
        {
            var problems = new List<string>();
            var mapping = new RegistrationMapping();
            mapping.Apply(doc.RootElement, problems);
            if (problems.Count > 0)
                throw new RegistrationMappingException(path, problems);
            return mapping;
        }
    }

    private void Apply(JsonElement root, List<string> problems)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add("the mapping must be a JSON object with keys household, members, choices, defaults, ranges, members_sheet");
            return;
        }
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "household":
                    ApplySources(property.Value, "household", RegistrationFields.Household, HouseholdSources, HouseholdExplicit, null, problems);
                    HasExplicitLink = property.Value.ValueKind == JsonValueKind.Object &&
                                      property.Value.TryGetProperty(RegistrationFields.Household[(int)HouseholdField.Link].Name, out _);
                    break;
                case "members":
                    ApplySources(property.Value, "members", RegistrationFields.Member, MemberSources, MemberExplicit, MemberFromHousehold, problems);
                    break;
                case "choices":
                    ApplyChoices(property.Value, problems);
                    break;
                case "defaults":
                    ApplyDefaults(property.Value, problems);
                    break;
                case "ranges":
                    ApplyRanges(property.Value, problems);
                    break;
                case "members_sheet":
                    if (property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: > 0 } sheet)
                        MembersSheet = sheet;
                    else
                        problems.Add("members_sheet must be a sheet name (a non-empty string)");
                    break;
                default:
                    if (!property.Name.StartsWith('$') && property.Name != "description")
                        problems.Add($"unknown key '{property.Name}'; allowed: household, members, choices, defaults, ranges, members_sheet, description");
                    break;
            }
        }
    }

    private static void ApplySources(JsonElement section, string level, IReadOnlyList<RegistrationField> fields,
        IReadOnlyList<string>[] sources, bool[] explicitSources, bool[]? fromHousehold, List<string> problems)
    {
        if (section.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{level} must be an object of Mosaic field → form column name");
            return;
        }
        foreach (var property in section.EnumerateObject())
        {
            var slot = Find(fields, property.Name);
            if (slot < 0)
            {
                problems.Add($"{level}: unknown Mosaic field '{property.Name}'; {level} fields are: {Names(fields)}");
                continue;
            }
            var columns = property.Value;
            var household = false;
            if (fromHousehold is not null && columns.ValueKind == JsonValueKind.Object)
            {
                // { "household": "column" }: said explicitly, so a roster field never reads a household column by accident.
                if (slot == (int)MemberField.ParentLink || !TryHouseholdColumns(columns, out columns))
                {
                    problems.Add(slot == (int)MemberField.ParentLink
                        ? $"{level}.{property.Name}: the member's link to its household is a member column"
                        : $"{level}.{property.Name}: expected a column name, a list of column names, or {{ \"household\": column }} to copy a household column to every member");
                    continue;
                }
                household = true;
            }
            var names = ColumnNames(columns);
            if (names.Count == 0)
            {
                problems.Add($"{level}.{property.Name}: expected a column name or a list of column names" +
                             (fromHousehold is null ? "" : $", or {{ \"household\": column }}"));
                continue;
            }
            sources[slot] = names;
            explicitSources[slot] = true;
            if (fromHousehold is not null)
                fromHousehold[slot] = household;
        }
    }

    private static bool TryHouseholdColumns(JsonElement value, out JsonElement columns)
    {
        columns = default;
        var count = 0;
        foreach (var property in value.EnumerateObject())
        {
            count++;
            if (property.Name == "household")
                columns = property.Value;
        }
        return count == 1 && columns.ValueKind != JsonValueKind.Undefined;
    }

    private static List<string> ColumnNames(JsonElement value)
    {
        var names = new List<string>();
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } one)
        {
            names.Add(one);
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } name)
                    names.Add(name);
            }
        }
        return names;
    }

    private void ApplyChoices(JsonElement section, List<string> problems)
    {
        if (section.ValueKind != JsonValueKind.Object)
        {
            problems.Add("choices must be an object of Mosaic field → { form value: Mosaic code }");
            return;
        }
        foreach (var property in section.EnumerateObject())
        {
            if (!TryFindChoiceField(property.Name, problems, "choices", out var field, out var recodes, out var slot))
                continue;
            if (property.Value.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"choices.{property.Name}: expected an object of form value → Mosaic code");
                continue;
            }
            var map = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var entry in property.Value.EnumerateObject())
            {
                // null: the answer means "missing" (dont_know, prefer_not_to_answer; a select-multiple token is dropped).
                if (entry.Value.ValueKind == JsonValueKind.Null)
                {
                    if (field.Name == RegistrationFields.Household[(int)HouseholdField.Consent].Name)
                    {
                        problems.Add($"choices.{property.Name}: '{entry.Name}' cannot map to null: consent is yes or no");
                        continue;
                    }
                    map[entry.Name] = null;
                    continue;
                }
                var target = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString() : null;
                if (target is null || !field.Codes!.Contains(target))
                {
                    problems.Add($"choices.{property.Name}: '{entry.Name}' maps to '{entry.Value}', which is not a code; allowed: {string.Join(", ", field.Codes!)}, or null for a missing answer");
                    continue;
                }
                map[entry.Name] = target;
            }
            recodes[slot] = map;
        }
    }

    private void ApplyDefaults(JsonElement section, List<string> problems)
    {
        if (section.ValueKind != JsonValueKind.Object)
        {
            problems.Add("defaults must be an object of Mosaic field → value");
            return;
        }
        foreach (var property in section.EnumerateObject())
        {
            var value = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number => property.Value.GetRawText(),
                _ => null,
            };
            var hh = Find(RegistrationFields.Household, property.Name);
            var member = Find(RegistrationFields.Member, property.Name);
            if (hh is (int)HouseholdField.SubmissionId or (int)HouseholdField.Link || member == (int)MemberField.ParentLink)
            {
                problems.Add($"defaults.{property.Name}: ids and row links cannot have a default");
                continue;
            }
            if (hh == (int)HouseholdField.Consent)
            {
                problems.Add($"defaults.{property.Name}: consent cannot have a default: each respondent's own answer is needed (map the consent column instead)");
                continue;
            }
            if (hh < 0 && member < 0)
            {
                problems.Add($"defaults: unknown Mosaic field '{property.Name}'");
                continue;
            }
            var field = hh >= 0 ? RegistrationFields.Household[hh] : RegistrationFields.Member[member];
            if (string.IsNullOrEmpty(value))
            {
                problems.Add($"defaults.{property.Name}: expected a non-empty string or number");
                continue;
            }
            if (field.Codes is { } codes && field.Name != RegistrationFields.Household[(int)HouseholdField.Shocks].Name && !codes.Contains(value))
            {
                problems.Add($"defaults.{property.Name}: '{value}' is not a code; allowed: {string.Join(", ", codes)}");
                continue;
            }
            if (hh >= 0)
                HouseholdDefaults[hh] = value;
            else
                MemberDefaults[member] = value;
        }
    }

    private bool TryFindChoiceField(string name, List<string> problems, string section, out RegistrationField field,
        out IReadOnlyDictionary<string, string?>?[] recodes, out int slot)
    {
        slot = Find(RegistrationFields.Household, name);
        recodes = HouseholdRecodes;
        field = null!;
        if (slot < 0)
        {
            slot = Find(RegistrationFields.Member, name);
            recodes = MemberRecodes;
        }
        if (slot < 0)
        {
            problems.Add($"{section}: unknown Mosaic field '{name}'");
            return false;
        }
        field = ReferenceEquals(recodes, HouseholdRecodes) ? RegistrationFields.Household[slot] : RegistrationFields.Member[slot];
        if (!field.IsChoice)
        {
            problems.Add($"{section}.{name}: not a choice field, so it has no codes to recode");
            return false;
        }
        return true;
    }

    private static int Find(IReadOnlyList<RegistrationField> fields, string name)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (string.Equals(fields[i].Name, name, StringComparison.Ordinal))
                return i;
        }
        return -1;
    }

    private static string Names(IReadOnlyList<RegistrationField> fields)
    {
        var names = new string[fields.Count];
        for (var i = 0; i < names.Length; i++)
            names[i] = fields[i].Name;
        return string.Join(", ", names);
    }
}
