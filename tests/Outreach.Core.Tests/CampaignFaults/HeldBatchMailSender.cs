using Outreach.Core.Email;

namespace Outreach.Core.Tests.CampaignFaults;

/// <summary>The app's batch sender, with a <see cref="Hold"/> in front of the request (SendGrid taking its time to answer).</summary>
internal sealed class HeldBatchMailSender(IBatchMailSender inner, Hold hold) : IBatchMailSender
{
    public async Task<MailSendResult> SendBatchAsync(BatchMail mail, CancellationToken cancellationToken = default)
    {
        await hold.PassAsync();
        return await inner.SendBatchAsync(mail, cancellationToken);
    }
}
