using SfBulk.Authentication;

namespace SfBulk.Connection;

/// <summary>Turns <see cref="SalesforceConnectionSettings"/> into options, choosing the credential.</summary>
internal static class SalesforceConnectionSettingsMapper
{
    public static SalesforceConnectionOptions ToOptions(SalesforceConnectionSettings s, string name, Func<string, string?> environment)
    {
        var options = new SalesforceConnectionOptions { Name = name };
        if (s.LoginUrl is { } login)
        {
            options.LoginUrl = ConnectionRules.TryParseUrl(login, out var url, out var error)
                ? url
                : throw new ArgumentException($"Connection '{name}': LoginUrl: {error}", nameof(s.LoginUrl));
        }

        options.ApiVersion = s.ApiVersion ?? options.ApiVersion;
        options.RequestTimeout = s.RequestTimeout ?? options.RequestTimeout;
        options.Retry.Enabled = s.RetryEnabled ?? options.Retry.Enabled;
        options.Retry.MaxRetries = s.MaxRetries ?? options.Retry.MaxRetries;
        options.Retry.BaseDelay = s.RetryBaseDelay ?? options.Retry.BaseDelay;
        options.Retry.MaxDelay = s.RetryMaxDelay ?? options.Retry.MaxDelay;
        options.Credential = CreateCredential(new Fields(s, name, environment), options);
        return options;
    }

    private static SalesforceCredential CreateCredential(Fields f, SalesforceConnectionOptions options)
    {
        var s = f.Settings;
        var kind = s.Credential is null ? Infer(f) : CredentialKinds.Normalize(s.Credential) ?? throw new ArgumentException(
            $"Connection '{f.Name}': Credential '{s.Credential}' is unknown; use {string.Join(", ", CredentialKinds.All)}.",
            nameof(s.Credential));
        f.Kind = kind;
        switch (kind)
        {
            case CredentialKinds.Session:
                var instanceUrl = f.Need("InstanceUrl", s.InstanceUrl);
                var sessionId = f.Secret("SessionId", s.SessionId, s.SessionIdEnv);
                f.Complete();
                if (!ConnectionRules.TryParseUrl(instanceUrl, out var instance, out var error))
                {
                    throw new ArgumentException($"Connection '{f.Name}': InstanceUrl: {error}", nameof(s.InstanceUrl));
                }

                var external = new ExternalSessionCredential(instance, sessionId!);
                if (s.LoginUrl is null)
                {
                    options.LoginUrl = external.InstanceUrl;
                }

                return external;
            case CredentialKinds.Jwt:
                var (jwtClient, jwtUser) = (f.Need("ClientId", s.ClientId), f.Need("Username", s.Username));
                var keyFile = s.JwtKey is null ? f.Need("KeyFile (or JwtKey)", s.KeyFile) : null;
                f.Complete();
                return s.JwtKey is { } key
                    ? JwtBearerCredential.FromPrivateKey(jwtClient!, jwtUser!, key)
                    : JwtBearerCredential.FromKeyFile(jwtClient!, jwtUser!, keyFile!);
            case CredentialKinds.RefreshToken:
                var (refreshClient, token, refreshSecret) = (f.Need("ClientId", s.ClientId), f.Secret("RefreshToken", s.RefreshToken, s.RefreshTokenEnv), f.Optional("ClientSecret", s.ClientSecret, s.ClientSecretEnv));
                f.Complete();
                return new RefreshTokenCredential(refreshClient!, token!, refreshSecret);
            case CredentialKinds.Password:
                var (passwordClient, passwordSecret) = (f.Need("ClientId", s.ClientId), f.Secret("ClientSecret", s.ClientSecret, s.ClientSecretEnv));
                var (user, password, securityToken) = (f.Need("Username", s.Username), f.Secret("Password", s.Password, s.PasswordEnv), f.Optional("SecurityToken", s.SecurityToken, s.SecurityTokenEnv));
                f.Complete();
                return new UsernamePasswordCredential(passwordClient!, passwordSecret!, user!, password!, securityToken);
            case CredentialKinds.ClientCredentials:
                var (client, secret) = (f.Need("ClientId", s.ClientId), f.Secret("ClientSecret", s.ClientSecret, s.ClientSecretEnv));
                f.Complete();
                return new ClientCredentialsCredential(client!, secret!);
            case CredentialKinds.Soap:
                var (soapUser, soapPassword, soapToken) = (f.Need("Username", s.Username), f.Secret("Password", s.Password, s.PasswordEnv), f.Optional("SecurityToken", s.SecurityToken, s.SecurityTokenEnv));
                f.Complete();
                return new SoapLoginCredential(soapUser!, soapPassword!, soapToken, s.SoapLoginApiVersion);
            case CredentialKinds.SalesforceCli:
                var alias = f.Need("TargetOrg", s.TargetOrg);
                f.Complete();
                return new SalesforceCliCredential(alias!, s.SfExecutable);
            default:
                throw new SalesforceConnectionNotFoundException(
                    $"Connection '{f.Name}' has no complete credential. Set one of: ClientId + Username + KeyFile (JWT bearer, recommended); "
                    + "ClientId + ClientSecret with a My Domain LoginUrl (client credentials); ClientId + RefreshToken; InstanceUrl + SessionId (external session); "
                    + "TargetOrg (Salesforce CLI); Username + Password (+ SecurityToken) for SOAP login.");
        }
    }

    private static string? Infer(Fields f)
    {
        var s = f.Settings;
        static bool Set(string? v) => !string.IsNullOrWhiteSpace(v);
        bool Has(string? value, string? variable) => Set(value) || Set(variable);
        if (Set(s.InstanceUrl) && Has(s.SessionId, s.SessionIdEnv))
        {
            return CredentialKinds.Session;
        }

        if (Set(s.ClientId) && Set(s.Username) && (Set(s.KeyFile) || Set(s.JwtKey)))
        {
            return CredentialKinds.Jwt;
        }

        if (Set(s.ClientId) && Has(s.RefreshToken, s.RefreshTokenEnv))
        {
            return CredentialKinds.RefreshToken;
        }

        if (Set(s.ClientId) && Has(s.ClientSecret, s.ClientSecretEnv))
        {
            return Set(s.Username) && Has(s.Password, s.PasswordEnv) ? CredentialKinds.Password : CredentialKinds.ClientCredentials;
        }

        if (Set(s.Username) && Has(s.Password, s.PasswordEnv))
        {
            return CredentialKinds.Soap;
        }

        return Set(s.TargetOrg) ? CredentialKinds.SalesforceCli : null;
    }

    /// <summary>Collects the values one credential needs, and every one that is missing, so one message names them all.</summary>
    private sealed class Fields(SalesforceConnectionSettings settings, string name, Func<string, string?> environment)
    {
        private readonly List<string> _missing = [];
        private readonly List<string> _unsetVariables = [];

        public SalesforceConnectionSettings Settings { get; } = settings;

        public string Name { get; } = name;

        public string? Kind { get; set; }

        public string? Need(string setting, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                _missing.Add(setting);
            }

            return value;
        }

        public string? Secret(string setting, string? value, string? variable) => Optional(setting, value, variable) ?? Need(setting, null);

        public string? Optional(string setting, string? value, string? variable)
        {
            if (string.IsNullOrEmpty(variable))
            {
                return string.IsNullOrEmpty(value) ? null : value;
            }

            var fromEnvironment = environment(variable);
            if (string.IsNullOrEmpty(fromEnvironment))
            {
                _unsetVariables.Add($"its {setting} from the environment variable {variable}, which is not set");
                return string.Empty;
            }

            return fromEnvironment;
        }

        /// <summary>Throws when a needed value is missing or a named variable is not set.</summary>
        public void Complete()
        {
            if (_unsetVariables.Count > 0)
            {
                throw new SalesforceConnectionNotFoundException($"Connection '{Name}' reads {string.Join("; and ", _unsetVariables)}. Set it, or change the connection.");
            }

            if (_missing.Count > 0)
            {
                throw new SalesforceConnectionNotFoundException($"Connection '{Name}' uses the {Kind} credential but lacks {string.Join(", ", _missing)}.");
            }
        }
    }
}
