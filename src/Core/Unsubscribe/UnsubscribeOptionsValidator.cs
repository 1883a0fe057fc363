using Microsoft.Extensions.Options;

namespace Outreach.Core.Unsubscribe;

/// <summary>Rejects a missing or short key and a base URL that recipients could not open.</summary>
internal sealed class UnsubscribeOptionsValidator : IValidateOptions<UnsubscribeOptions>
{
    public ValidateOptionsResult Validate(string? name, UnsubscribeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SigningKey) || options.SigningKey.Length < UnsubscribeOptions.MinimumKeyLength)
        {
            problems.Add($"{UnsubscribeOptions.Section}:SigningKey must be a secret of at least {UnsubscribeOptions.MinimumKeyLength} characters.");
        }

        for (var index = 0; index < options.PreviousSigningKeys.Count; index++)
        {
            if (string.IsNullOrWhiteSpace(options.PreviousSigningKeys[index]) || options.PreviousSigningKeys[index].Length < UnsubscribeOptions.MinimumKeyLength)
            {
                problems.Add($"{UnsubscribeOptions.Section}:PreviousSigningKeys:{index} must be at least {UnsubscribeOptions.MinimumKeyLength} characters.");
            }
        }

        if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var baseUrl)
            || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(baseUrl.Query) || !string.IsNullOrEmpty(baseUrl.Fragment))
        {
            problems.Add($"{UnsubscribeOptions.PublicBaseUrlKey} must be the absolute http(s) address of the app without query or fragment, e.g. https://outreach.example.org.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
