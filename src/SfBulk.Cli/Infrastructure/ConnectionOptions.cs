using System.CommandLine;
using SfBulk.Connection;

namespace SfBulk.Cli.Infrastructure;

/// <summary>
/// The connection options of every command that talks to Salesforce, in order of precedence:
/// <c>--instance-url</c> + <c>--session-id</c>, <c>--connection</c>, <c>--target-org</c>, then the environment
/// (<c>SFBULK_INSTANCE_URL</c> + <c>SFBULK_SESSION_ID</c>) and the default connection.
/// </summary>
internal sealed class ConnectionOptions
{
    public ConnectionOptions()
    {
        InstanceUrl.AcceptUrlsOnly();
        ApiVersion.AcceptApiVersionsOnly();
        TargetOrg.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && SfBulk.Authentication.SalesforceCliCredential.AliasProblem(r.Tokens[0].Value) is { } problem)
            {
                r.AddError($"{TargetOrg.Name}: {problem}");
            }
        });
    }

    public Option<string> InstanceUrl { get; } = new("--instance-url")
    {
        Description = "The instance URL of an existing session (use with --session-id; the session is never refreshed).",
        HelpName = "url",
    };

    public Option<string> SessionId { get; } = new("--session-id")
    {
        Description = "The session id or access token for --instance-url; '-' reads it from standard input (keeps it out of shell history).",
        HelpName = "id|-",
    };

    public Option<string> Connection { get; } = new("--connection")
    {
        Description = "A named connection from 'sfbulk connection add'.",
        HelpName = "name",
    };

    public Option<string> TargetOrg { get; } = new("--target-org")
    {
        Description = "A Salesforce CLI (sf) org alias or user name to reuse its login.",
        HelpName = "alias",
    };

    public Option<string> ApiVersion { get; } = new("--api-version")
    {
        Description = "The API version of requests (default: the connection's, else 66.0).",
        HelpName = "version",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public Command AddTo(Command command)
    {
        command.Add(InstanceUrl);
        command.Add(SessionId);
        command.Add(Connection);
        command.Add(TargetOrg);
        command.Add(ApiVersion);
        return command;
    }

    /// <summary>The values given on the command line.</summary>
    public ConnectionRequest Read(ParseResult parse) => new(
        parse.GetValue(InstanceUrl),
        parse.GetValue(SessionId),
        parse.GetValue(Connection),
        parse.GetValue(TargetOrg),
        parse.GetValue(ApiVersion));
}

/// <summary>What the command line says about the connection.</summary>
internal sealed record ConnectionRequest(string? InstanceUrl, string? SessionId, string? Connection, string? TargetOrg, string? ApiVersion)
{
    /// <summary>True when any connection option was given.</summary>
    public bool Any => InstanceUrl is not null || SessionId is not null || Connection is not null || TargetOrg is not null;

    /// <summary>Describes the request without the session id (the generated one would print it).</summary>
    public override string ToString() => $"ConnectionRequest {{ {Printed()} }}";

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append(Printed());
        return true;
    }

    private string Printed() =>
        $"InstanceUrl = {ConnectionRules.DescribeUrl(InstanceUrl)}, SessionId = {(SessionId is null ? "none" : SessionId == "-" ? "-" : "REDACTED")}, Connection = {Connection}, TargetOrg = {TargetOrg}, ApiVersion = {ApiVersion}";
}
