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

    /// <summary>Records the opt-out the token names; false when the token is not genuine.</summary>
    public async Task<bool> OptOutAsync(string token, CancellationToken cancellationToken = default)
    {
        var claim = tokens.Verify(token);
        if (claim is null)
        {
            return false;
        }

        var district = districts.Find(claim.District)?.Code ?? claim.District;
        await RecordAsync([district], claim.EmailHash, claim.Category, "recipient", "Unsubscribed from outreach letters", cancellationToken);
        return true;
    }

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
