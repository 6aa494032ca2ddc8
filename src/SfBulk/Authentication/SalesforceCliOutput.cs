using System.Text.Json;
using SfBulk.Diagnostics;

namespace SfBulk.Authentication;

/// <summary>Reads the JSON of <c>sf org display --json</c>: <c>result.accessToken</c>, <c>result.instanceUrl</c>, or the error.</summary>
internal static class SalesforceCliOutput
{
    public static SalesforceSession Read(string stdout, int exitCode, string alias)
    {
        var start = stdout.IndexOf('{', StringComparison.Ordinal);
        string? accessToken = null, instanceUrl = null, name = null, message = null;
        if (start >= 0)
        {
            try
            {
                using var json = JsonDocument.Parse(stdout.AsMemory(start));
                var root = json.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    if (root.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.Object)
                    {
                        accessToken = Get(result, "accessToken");
                        instanceUrl = Get(result, "instanceUrl");
                    }

                    name = Get(root, "name");
                    message = ServerText.Clean(Get(root, "message"));
                }
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                // InvalidOperationException: a string that is not valid UTF-8 or holds a lone surrogate escape.
            }
        }

        if (accessToken is not null && exitCode == 0)
        {
            return SalesforceSession.Create(instanceUrl, accessToken, $"The Salesforce CLI (org '{alias}')");
        }

        if (name is not null || message is not null)
        {
            var hint = name is "NoAuthInfoFound" or "NamedOrgNotFoundError" or "NamedOrgNotFound" or "NoOrgFound"
                ? $" Log in first with 'sf org login web --alias {alias}', or check the alias with 'sf org list'."
                : string.Empty;
            throw new SalesforceLoginException(
                $"The Salesforce CLI could not give a session for '{alias}': {message ?? name}.{hint}",
                name ?? "SF_CLI_ERROR");
        }

        throw new SalesforceLoginException(
            $"The Salesforce CLI exited with code {exitCode} for '{alias}' without the expected JSON. Run 'sf org display --json --target-org {alias}' to see why.",
            "SF_CLI_ERROR");
    }

    private static string? Get(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
