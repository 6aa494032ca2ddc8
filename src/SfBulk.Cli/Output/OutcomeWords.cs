namespace SfBulk.Cli.Output;

/// <summary>
/// The one spelling of every outcome (close, sweep, watch) and of the state a close or sweep asks for: JSON words are
/// the value's name in camelCase (<c>alreadyClosed</c>, <c>apiFloorReached</c>), words for a person split the
/// <c>already</c> off (<c>already closed</c>); a target state is the verb that asks for it (<c>close</c>, <c>abort</c>).
/// </summary>
internal static class OutcomeWords
{
    private const string Already = "already";

    /// <summary>The JSON spelling: the name in camelCase (<c>closed</c>, <c>alreadyAborted</c>, <c>timedOut</c>).</summary>
    public static string Json<T>(T outcome)
        where T : struct, Enum
    {
        var name = outcome.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>The outcome in words: <c>already closed</c>, <c>already aborted</c>; others as in JSON (<c>closed</c>, <c>skipped</c>).</summary>
    public static string Text<T>(T outcome)
        where T : struct, Enum
    {
        var word = Json(outcome);
        return word.Length > Already.Length && word.StartsWith(Already, StringComparison.Ordinal)
            ? Already + " " + char.ToLowerInvariant(word[Already.Length]) + word[(Already.Length + 1)..]
            : word;
    }

    /// <summary><c>close</c> or <c>abort</c>: the verb that asks for <paramref name="target"/>.</summary>
    public static string Verb(CloseJobState target) => target == CloseJobState.Aborted ? "abort" : "close";

    /// <summary><c>close</c>, <c>abort</c>, or <c>skip</c> when there is no target (a skipped sweep job).</summary>
    public static string Verb(CloseJobState? target) => target is { } state ? Verb(state) : "skip";
}
