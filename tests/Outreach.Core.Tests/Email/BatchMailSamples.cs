using System.Globalization;
using Outreach.Core.CampaignRendering;
using Outreach.Core.Email;

namespace Outreach.Core.Tests.Email;

/// <summary>A campaign batch as the batch sender builds it: the parts rendered once with the recipient tags, values per recipient.</summary>
internal static class BatchMailSamples
{
    public static readonly string TextBody =
        "Kære " + RecipientTags.NameText + "\n\nDu inviteres til møde med ledersekretariatet i Ølstykke.\n\n" +
        "Afmeld kampagner: " + RecipientTags.UnsubscribeUrlText + "\n";

    public static readonly string HtmlBody =
        "<!DOCTYPE html><html lang=\"da\"><body><p>Kære " + RecipientTags.NameHtml + "</p>" +
        "<p>Du inviteres til møde med <strong>ledersekretariatet</strong> i Ølstykke.</p>" +
        "<p><a href=\"" + RecipientTags.UnsubscribeUrlHtml + "\">Afmeld kampagner</a></p></body></html>";

    /// <summary>A batch of <paramref name="count"/> recipients of a campaign of its own (unique keys and addresses per call).</summary>
    public static BatchMail Invitation(int count, string? campaignId = null)
    {
        campaignId ??= "c" + Guid.NewGuid().ToString("N")[..10];
        return new BatchMail
        {
            BatchKey = $"campaign:{campaignId}:1",
            From = new EmailAddress("leder@storkobenhavn.example.dk", "Socialpædagogerne Storkøbenhavn"),
            ReplyTo = new EmailAddress("ledersekretariatet@storkobenhavn.example.dk", "Ledersekretariatet"),
            Subject = "Invitation til møde med ledersekretariatet",
            TextBody = TextBody,
            HtmlBody = HtmlBody,
            Categories = ["campaigns", "storkobenhavn"],
            Recipients = [.. Enumerable.Range(0, count).Select(index => Recipient(campaignId, index))],
        };
    }

    public static BatchMailRecipient Recipient(string campaignId, int index, string? name = null)
    {
        var address = string.Create(CultureInfo.InvariantCulture, $"leder{index:D4}@{campaignId}.example.dk");
        name ??= string.Create(CultureInfo.InvariantCulture, $"Leder {index} Ærø");
        var link = new Uri(string.Create(CultureInfo.InvariantCulture, $"https://outreach.example.dk/api/public/unsubscribe?token=t{index}.{campaignId}"));
        return new BatchMailRecipient
        {
            To = new EmailAddress(address, name),
            DeliveryKey = $"campaign:{campaignId}:1:{EmailAddresses.Hash(address)}",
            UnsubscribeUrl = link,
            Substitutions = RecipientTags.Substitutions(name, link),
        };
    }
}
