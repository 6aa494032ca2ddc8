namespace SfBulk.Cli.Infrastructure;

/// <summary>Asks a person a yes/no question on the terminal; anything but yes (or end of input) is no.</summary>
internal static class Confirmation
{
    /// <summary>
    /// Asks <paramref name="question"/> on standard error and reads the answer. Ctrl+C answers at once: the prompt's
    /// line is ended (so the shell's prompt starts on a line of its own) and the wait ends in
    /// <see cref="OperationCanceledException"/>, without waiting for a line that will never come.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (Ctrl+C).</exception>
    public static async Task<bool> AskAsync(string question, TextReader input, CancellationToken cancellationToken)
    {
        Console.Error.Write(question + " [y/N] ");

        // A console read cannot be cancelled: it runs on its own thread and is abandoned on Ctrl+C.
        var read = Task.Factory.StartNew(input.ReadLine, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (cancellationToken.Register(() => cancelled.TrySetResult()).ConfigureAwait(false))
        {
            if (await Task.WhenAny(read, cancelled.Task).ConfigureAwait(false) != read)
            {
                Console.Error.WriteLine();
                throw new OperationCanceledException(cancellationToken);
            }
        }

        var answer = (await read.ConfigureAwait(false))?.Trim();
        return string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) || string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase);
    }
}
