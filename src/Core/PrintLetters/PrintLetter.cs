namespace Outreach.Core.PrintLetters;

/// <summary>A letter for the post: what a district that requires consent before e-mailing non-members sends instead.</summary>
/// <param name="District">The district's code.</param>
/// <param name="LeaderId">The recipient's leader id.</param>
/// <param name="Kind">Which letter (e.g. <c>welcome</c>).</param>
/// <param name="RecipientName">Printed in the address block.</param>
/// <param name="Workplace">Printed in the address block.</param>
/// <param name="Municipality">Printed in the address block.</param>
/// <param name="Subject">The letter's heading.</param>
/// <param name="Html">The letter's body, as rendered (and escaped) for e-mail: trusted HTML.</param>
public sealed record PrintLetter(string District, string LeaderId, string Kind, string RecipientName, string? Workplace, string? Municipality, string Subject, string Html);
