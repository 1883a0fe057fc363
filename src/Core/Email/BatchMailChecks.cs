using System.Text;

namespace Outreach.Core.Email;

/// <summary>
/// What every <see cref="IBatchMailSender"/> checks before it sends anything, so that the outbox refuses locally what
/// SendGrid would refuse in production. A batch that breaks these rules is a fault of the code that built it (the
/// planner splits audiences into batches of at most 1000 and renders the values), not of a recipient, so it is an
/// <see cref="ArgumentException"/>: retrying it would never help. Messages name delivery keys, never addresses or names.
/// </summary>
internal static class BatchMailChecks
{
    /// <summary>SendGrid's limit of substitutions per personalization.</summary>
    public const int MaxSubstitutions = 100;

    /// <summary>SendGrid's limit of the substitutions' total size per personalization, in bytes.</summary>
    public const int MaxSubstitutionBytes = 10_000;

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="mail"/> cannot be sent as one request.</summary>
    public static void Check(BatchMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        if (mail.Recipients.Count is 0 or > BatchMail.MaxRecipients)
        {
            throw new ArgumentException(
                $"Batch {mail.BatchKey} has {mail.Recipients.Count} recipients; one request takes 1 to {BatchMail.MaxRecipients}.", nameof(mail));
        }

        var deliveryKeys = new HashSet<string>(StringComparer.Ordinal);
        var addresses = new HashSet<string>(StringComparer.Ordinal);
        foreach (var recipient in mail.Recipients)
        {
            if (string.IsNullOrWhiteSpace(recipient.DeliveryKey))
            {
                throw new ArgumentException($"Batch {mail.BatchKey} has a recipient without a delivery key.", nameof(mail));
            }

            if (!deliveryKeys.Add(recipient.DeliveryKey))
            {
                throw new ArgumentException($"Batch {mail.BatchKey} has the delivery key {recipient.DeliveryKey} twice.", nameof(mail));
            }

            // One person must get one letter: a second personalization for the same address would be a second mail.
            if (!addresses.Add(EmailAddresses.Normalize(recipient.To.Email)))
            {
                throw new ArgumentException($"Batch {mail.BatchKey}: the recipient of delivery key {recipient.DeliveryKey} is already in the batch.", nameof(mail));
            }

            CheckSubstitutions(recipient);
        }
    }

    // SendGrid refuses the whole request when one personalization's substitutions are too many or too long; the
    // values are a name and a link, so this can only happen when the caller passed something else.
    private static void CheckSubstitutions(BatchMailRecipient recipient)
    {
        if (recipient.Substitutions.Count > MaxSubstitutions)
        {
            throw new ArgumentException(
                $"The recipient of delivery key {recipient.DeliveryKey} has {recipient.Substitutions.Count} substitutions; SendGrid takes at most {MaxSubstitutions}.",
                nameof(recipient));
        }

        var bytes = 0;
        foreach (var (tag, value) in recipient.Substitutions)
        {
            bytes += Encoding.UTF8.GetByteCount(tag) + Encoding.UTF8.GetByteCount(value);
        }

        if (bytes > MaxSubstitutionBytes)
        {
            throw new ArgumentException(
                $"The substitutions of delivery key {recipient.DeliveryKey} are {bytes} bytes; SendGrid takes at most {MaxSubstitutionBytes} per recipient.",
                nameof(recipient));
        }
    }
}
