namespace Mosaic.Core.Privacy;

/// <summary>A user's role (DESIGN §7); it decides whether personal data may be read at all.</summary>
public enum Role
{
    /// <summary>Runs the system; may read personal data.</summary>
    Admin,

    /// <summary>Manages a programme (targeting, assistance); may read personal data.</summary>
    Manager,

    /// <summary>Works with aggregates and scores; never reads personal data.</summary>
    Analyst,

    /// <summary>Registers and visits households; may read personal data.</summary>
    Enumerator,

    /// <summary>Sees dashboards and published tables; never reads personal data.</summary>
    Viewer,
}
