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
        if (Move(household, person) is { } move)
            yield return move;
    }

    /// <summary>The one move a roster records for a person (<see cref="Of"/>), or null: without an enumerator.</summary>
    public static Movement? Move(Household household, Person person)
    {
        ArgumentNullException.ThrowIfNull(household);
        ArgumentNullException.ThrowIfNull(person);
        if (person.PreviousCountry is null && person.PreviousPcode is null && person.MoveDate is null)
            return null;
        if (person.MigratoryStatus is MigratoryStatus.Emigrant)
            return null;
        return new Movement(person.PreviousPcode, person.PreviousCountry, household.AreaPcode,
            person.MoveDate, person.MoveReason, MigratoryStatus.Unknown, person.MigratoryStatus);
    }
}
