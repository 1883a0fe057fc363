using Outreach.Core.Districts;
using Outreach.Core.Leaders;
using Outreach.Core.Unsubscribe;

namespace Outreach.Core.OptOuts;

/// <summary>Unsubscribe: a personal, signed token from a letter records the person's opt-out of its category.</summary>
public sealed class OptOutService
{
    private readonly IOptOutRepository optOuts;
    private readonly ILeaderRepository leaders;
    private readonly IDistrictCatalog districts;
    private readonly IUnsubscribeTokens tokens;
    private readonly TimeProvider time;

    internal OptOutService(IOptOutRepository optOuts, ILeaderRepository leaders, IDistrictCatalog districts, IUnsubscribeTokens tokens, TimeProvider time)
    {
        this.optOuts = optOuts;
        this.leaders = leaders;
        this.districts = districts;
        this.tokens = tokens;
        this.time = time;
    }

    /// <summary>
    /// Records an opt-out for the person the token names: of the token's category, or of <paramref name="chosen"/> when
    /// they chose another on the page (the token proves they received our mail at the address; opting out of more, or
    /// of something else, can only mean less mail to them). Answers the category recorded, or null when the token is not
    /// genuine.
    /// </summary>
    public async Task<OptOutCategory?> OptOutAsync(string token, OptOutCategory? chosen = null, CancellationToken cancellationToken = default)
    {
        var claim = tokens.Verify(token);
        if (claim is null)
        {
            return null;
        }

        var category = chosen ?? claim.Category;
        var district = districts.Find(claim.District)?.Code ?? claim.District;
        await RecordAsync([district], claim.EmailHash, category, "recipient", ReasonFor(category), cancellationToken);
        return category;
    }

    private static string ReasonFor(OptOutCategory category) => category switch
    {
        OptOutCategory.Newsletter => "Unsubscribed from the newsletter",
        OptOutCategory.Campaigns => "Unsubscribed from campaigns",
        OptOutCategory.All => "Unsubscribed from all mail",
        _ => "Unsubscribed from outreach letters",
    };

    /// <summary>
    /// Records an opt-out of <paramref name="category"/> (in the first of <paramref name="inDistricts"/>), and for outreach
    /// or everything moves the person's leaders in those districts to OptedOut with <paramref name="reason"/>.
    /// </summary>
    internal async Task RecordAsync(IReadOnlyList<string> inDistricts, string emailHash, OptOutCategory category, string actor, string reason, CancellationToken cancellationToken)
    {
        await optOuts.RecordAsync(emailHash, category, inDistricts.Count > 0 ? inDistricts[0] : "unknown", cancellationToken);
        if (category is not (OptOutCategory.Outreach or OptOutCategory.All))
        {
            return;
        }

        foreach (var district in inDistricts)
        {
            var matching = await leaders.ListAsync(district, new LeaderFilter { EmailHash = emailHash }, cancellationToken);
            foreach (var leader in matching.Where(l => l.State is not (LeaderState.OptedOut or LeaderState.Joined)))
            {
                await leaders.UpdateAsync(leader, leader.MoveTo(LeaderState.OptedOut, actor, reason, time.GetUtcNow()), cancellationToken);
            }
        }
    }
}
