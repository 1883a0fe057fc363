using Microsoft.Extensions.Options;

namespace Outreach.Core.ProviderEvents;

/// <summary>Refuses to start with a webhook key that is set but is not a P-256 public key, or an unusable age limit.</summary>
internal sealed class ProviderEventOptionsValidator : IValidateOptions<ProviderEventOptions>
{
    public ValidateOptionsResult Validate(string? name, ProviderEventOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.WebhookPublicKey))
        {
            using var key = WebhookSignatureVerifier.ImportKey(options.WebhookPublicKey);
            if (key is null)
            {
                failures.Add($"{ProviderEventOptions.Section}:WebhookPublicKey is not a base64 DER P-256 public key (as SendGrid shows it, MFkw…).");
            }
        }

        if (options.WebhookMaxAgeMinutes is < 1 or > 60)
        {
            failures.Add($"{ProviderEventOptions.Section}:WebhookMaxAgeMinutes must be between 1 and 60.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
