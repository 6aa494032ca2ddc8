using SfBulk.Emulator;

namespace SfBulk.Tests.Jobs;

/// <summary>
/// What the emulator's variants in force (docs/fidelity.md; set for a whole run by SFBULK_EMULATOR_VARIANTS) make
/// Salesforce answer, for tests whose expected error code is the variant's.
/// </summary>
internal static class VariantAnswers
{
    /// <summary>The code of a refused close by a user other than the creator: InvalidUser, InvalidJob or InvalidJobState.</summary>
    public static string CloseByOtherUserCode(EmulatorServer server) => server.Options.Variants.CloseByOtherUser.ToString();
}
