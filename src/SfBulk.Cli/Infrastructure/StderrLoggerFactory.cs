using Microsoft.Extensions.Logging;

namespace SfBulk.Cli.Infrastructure;

/// <summary>
/// Writes the library's log lines to standard error, one line each, from the level the verbosity asks for. The
/// library already redacts secrets (header allow-list, no bodies); nothing here adds any.
/// </summary>
internal sealed class StderrLoggerFactory(Verbosity verbosity, TextWriter writer) : ILoggerFactory
{
    private readonly TextWriter _writer = writer;

    private readonly LogLevel _minimum = verbosity switch
    {
        Verbosity.Diagnostic => LogLevel.Debug,
        Verbosity.Detailed => LogLevel.Information,
        Verbosity.Quiet => LogLevel.Error,
        _ => LogLevel.Warning,
    };

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(StderrLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner._minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var label = logLevel switch
            {
                LogLevel.Trace => "trce",
                LogLevel.Debug => "dbug",
                LogLevel.Information => "info",
                LogLevel.Warning => "warn",
                _ => "fail",
            };
            var line = label + ": " + formatter(state, null);
            lock (owner)
            {
                owner._writer.WriteLine(line);
            }
        }
    }

}
