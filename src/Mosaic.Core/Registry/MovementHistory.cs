namespace Mosaic.Core.Registry;

/// <summary>Derives a person's displacement history from the roster's move facts.</summary>
public static class MovementHistory
{
    /// <summary>
    /// The moves recorded for a person: one move into the household's area when the roster gives a previous
    /// residence or a move date. Status before is unknown from a roster; status after is the current status.
    /// </summary>
    public static IEnumerable<Movement> Of(Household household, Person person)
    {
        if (person.PreviousCountry is null && person.PreviousPcode is null && person.MoveDate is null)
            yield break;
        if (person.MigratoryStatus is MigratoryStatus.Emigrant)
            yield break;
        yield return new Movement(person.PreviousPcode, person.PreviousCountry, household.AreaPcode,
            person.MoveDate, person.MoveReason, MigratoryStatus.Unknown, person.MigratoryStatus);
    }
}
