namespace Mosaic.Core.Demo;

/// <summary>
/// Identifiers of the demo's independent random streams (see <see cref="DemoRandom.For"/>). Each kind of generated
/// data draws from its own stream, so adding a new kind (hazards, mobility rounds) never changes existing data.
/// </summary>
internal static class DemoStreams
{
    public const ulong Villages = 1;
    public const ulong Households = 2;
    public const ulong SubmissionIds = 3;
}
