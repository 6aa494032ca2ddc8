using SfBulk.Authentication;

namespace SfBulk;

/// <summary>Turns <see cref="SalesforceConnectionSettings"/> into options, choosing the credential.</summary>
internal static class SalesforceConnectionSettingsMapper
{
    public static SalesforceConnectionOptions ToOptions(SalesforceConnectionSettings s, string name)
    {
        var options = new SalesforceConnectionOptions { Name = name };
        if (s.LoginUrl is { } login)
        {
            options.LoginUrl = Uri.TryCreate(login, UriKind.Absolute, out var url)
                ? url
                : throw new ArgumentException($"Connection '{name}': LoginUrl {ConnectionUrls.Shown(login)} is not an absolute URL such as https://login.salesforce.com.", nameof(s.LoginUrl));
        }

        options.ApiVersion = s.ApiVersion ?? options.ApiVersion;
        options.RequestTimeout = s.RequestTimeout ?? options.RequestTimeout;
        options.Retry.Enabled = s.RetryEnabled ?? options.Retry.Enabled;
        options.Retry.MaxRetries = s.MaxRetries ?? options.Retry.MaxRetries;
        options.Retry.BaseDelay = s.RetryBaseDelay ?? options.Retry.BaseDelay;
        options.Retry.MaxDelay = s.RetryMaxDelay ?? options.Retry.MaxDelay;
        options.Credential = CreateCredential(s, name, options);
        return options;
    }

    private static SalesforceCredential CreateCredential(SalesforceConnectionSettings s, string name, SalesforceConnectionOptions options)
    {
        var method = Normalize(s.AuthMethod) ?? Infer(s);
        switch (method)
        {
            case "session":
                Require(name, method, ("InstanceUrl", s.InstanceUrl), ("SessionId", s.SessionId));
                if (!Uri.TryCreate(s.InstanceUrl, UriKind.Absolute, out var instance))
                {
                    throw new ArgumentException($"Connection '{name}': InstanceUrl is not an absolute URL.", nameof(s.InstanceUrl));
                }

                var external = new ExternalSessionCredential(instance, s.SessionId!);
                if (s.LoginUrl is null)
                {
                    options.LoginUrl = external.InstanceUrl;
                }

                return external;
            case "jwt":
                Require(name, method, ("ClientId", s.ClientId), ("Username", s.Username), ("JwtKeyFile or JwtKey", s.JwtKeyFile ?? s.JwtKey));
                return s.JwtKey is { } key
                    ? JwtBearerCredential.FromPrivateKey(s.ClientId!, s.Username!, key)
                    : JwtBearerCredential.FromKeyFile(s.ClientId!, s.Username!, s.JwtKeyFile!);
            case "refreshtoken":
                Require(name, method, ("ClientId", s.ClientId), ("RefreshToken", s.RefreshToken));
                return new RefreshTokenCredential(s.ClientId!, s.RefreshToken!, s.ClientSecret);
            case "password":
                Require(name, method, ("ClientId", s.ClientId), ("ClientSecret", s.ClientSecret), ("Username", s.Username), ("Password", s.Password));
                return new UsernamePasswordCredential(s.ClientId!, s.ClientSecret!, s.Username!, s.Password!, s.SecurityToken);
            case "clientcredentials":
                Require(name, method, ("ClientId", s.ClientId), ("ClientSecret", s.ClientSecret));
                return new ClientCredentialsCredential(s.ClientId!, s.ClientSecret!);
            case "soap":
                Require(name, method, ("Username", s.Username), ("Password", s.Password));
                return new SoapLoginCredential(s.Username!, s.Password!, s.SecurityToken, s.SoapLoginApiVersion);
            case "sfcli":
                Require(name, method, ("SfAlias", s.SfAlias));
                return new SalesforceCliCredential(s.SfAlias!);
            case null:
                throw new SalesforceConnectionNotFoundException(
                    $"Connection '{name}' has no complete credential. Set one of: ClientId + Username + JwtKeyFile (JWT bearer, recommended); "
                    + "ClientId + ClientSecret with a My Domain LoginUrl (client credentials); ClientId + RefreshToken; InstanceUrl + SessionId (external session); "
                    + "SfAlias (Salesforce CLI); Username + Password (+ SecurityToken) for SOAP login. In configuration use section SfBulk:Connections:"
                    + name + "; in the environment use SFBULK_CLIENT_ID, SFBULK_USERNAME, SFBULK_JWT_KEY_FILE, SFBULK_LOGIN_URL and the like.");
            default:
                throw new ArgumentException(
                    $"Connection '{name}': AuthMethod '{s.AuthMethod}' is unknown; use jwt, client-credentials, refresh-token, password, soap, session or sf-cli.",
                    nameof(s.AuthMethod));
        }
    }

    private static string? Infer(SalesforceConnectionSettings s)
    {
        static bool Set(string? v) => !string.IsNullOrWhiteSpace(v);
        if (Set(s.InstanceUrl) && Set(s.SessionId))
        {
            return "session";
        }

        if (Set(s.ClientId) && Set(s.Username) && (Set(s.JwtKeyFile) || Set(s.JwtKey)))
        {
            return "jwt";
        }

        if (Set(s.ClientId) && Set(s.RefreshToken))
        {
            return "refreshtoken";
        }

        if (Set(s.ClientId) && Set(s.ClientSecret))
        {
            return Set(s.Username) && Set(s.Password) ? "password" : "clientcredentials";
        }

        if (Set(s.Username) && Set(s.Password))
        {
            return "soap";
        }

        return Set(s.SfAlias) ? "sfcli" : null;
    }

    private static string? Normalize(string? method) =>
        string.IsNullOrWhiteSpace(method) ? null : method.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).Trim().ToLowerInvariant() switch
        {
            "jwtbearer" => "jwt",
            "oauthpassword" or "usernamepassword" => "password",
            "soaplogin" => "soap",
            "externalsession" => "session",
            "sf" or "cli" => "sfcli",
            var other => other,
        };

    private static void Require(string name, string method, params (string Setting, string? Value)[] settings)
    {
        var missing = settings.Where(x => string.IsNullOrWhiteSpace(x.Value)).Select(x => x.Setting).ToList();
        if (missing.Count > 0)
        {
            throw new SalesforceConnectionNotFoundException(
                $"Connection '{name}' uses the {method} login but lacks {string.Join(", ", missing)}. Set them in section SfBulk:Connections:{name} or the matching SFBULK_* environment variables.");
        }
    }
}
