// STUB (contract): the email feature fills this in.
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Core.Email;

/// <summary>Registers the mail sender chosen by <c>Outreach:Mail:Mode</c> (<c>Outbox</c> or <c>SendGrid</c>).</summary>
public static class MailServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IMailSender"/> and its validated options.</summary>
    public static IServiceCollection AddOutreachMail(this IServiceCollection services, IConfiguration configuration) => services;
}
