using Outreach.Core.Discovery;
using Outreach.Core.Email;
using Outreach.Core.Leaders;
using Outreach.Core.Letters;
using Outreach.Core.Membership;
using Outreach.Testing.Azurite;

namespace Outreach.Core.Tests.Leaders;

[Collection(AzuriteTests.Name)]
public sealed class LeaderFlowTests
{
    private readonly AzuriteFixture azurite;

    public LeaderFlowTests(AzuriteFixture azurite) => this.azurite = azurite;

    [Fact]
    public async Task RunAsync_NewLeaders_StoresThemDiscoveredWithOneWelcomeEachAndASecondRunQueuesTheWaitingAgain()
    {
        // Arrange
        await using var harness = await LeaderFlowHarness.StartAsync(azurite.ConnectionString);
        harness.Source.Leaders.AddRange([
            harness.Leader("a1", MembershipStatus.Member),
            harness.Leader("a2", MembershipStatus.NonMember),
            harness.Leader("a3", MembershipStatus.Unknown, harness.Aalborg),
        ]);

        // Act
        var first = await harness.Discovery.RunAsync();
        var second = await harness.Discovery.RunAsync();

        // Assert
        Assert.Equal(3, first.Discovered);
        Assert.Equal(3, first.QueuedWelcomes.Count);
        // Nobody was welcomed in between: the second run adds no leader but queues the same three welcomes again.
        Assert.Equal((0, 3, 3), (second.Discovered, second.QueuedWelcomes.Count, second.Unchanged));
        Assert.Equal(first.QueuedWelcomes.ToHashSet(), second.QueuedWelcomes.ToHashSet());
        Assert.Equal(6, harness.Queue.Welcomes.Count());
        var leaders = await harness.LeadersAsync();
        Assert.Equal(2, leaders.Count);
        Assert.All(leaders, l => Assert.Equal(LeaderState.Discovered, l.State));
        Assert.Equal(LawfulBasis.MemberRelationship, leaders.Single(l => l.Membership == MembershipStatus.Member).LawfulBasis);
        Assert.Equal(LawfulBasis.LegitimateInterest, leaders.Single(l => l.Membership == MembershipStatus.NonMember).LawfulBasis);
    }

    [Fact]
    public async Task RunAsync_SamePersonUnderAnotherSourceIdWithTheSameEmail_IsNotANewLeader()
    {
        await using var harness = await LeaderFlowHarness.StartAsync(azurite.ConnectionString);
        var email = $"Mette.{Guid.NewGuid():N}@Example.dk";
        harness.Source.Leaders.Add(harness.Leader("b1", MembershipStatus.NonMember, email: email));
        await harness.Discovery.RunAsync();
        harness.Source.Leaders.Clear();
        harness.Source.Leaders.Add(harness.Leader("b1-renumbered", MembershipStatus.NonMember, email: "  " + email.ToUpperInvariant() + " "));

        var report = await harness.Discovery.RunAsync();

        Assert.Equal(0, report.Discovered);
        Assert.Single(await harness.LeadersAsync());
    }

    [Fact]
    public async Task SendAsync_MemberAndNonMember_GetDifferentLettersAndAreWelcomedWithAnEvent()
    {
        // Arrange
        await using var harness = await LeaderFlowHarness.StartAsync(azurite.ConnectionString);
        harness.Source.Leaders.AddRange([harness.Leader("c1", MembershipStatus.Member), harness.Leader("c2", MembershipStatus.NonMember)]);
        var report = await harness.Discovery.RunAsync();

        // Act
        foreach (var item in report.QueuedWelcomes)
        {
            Assert.Equal(LetterOutcome.Sent, await harness.Welcome.SendAsync(item));
        }

        // Assert
        Assert.Equal(["welcome-member 0", "welcome-nonmember 0"], harness.Mail.Sent.Select(m => m.Subject).Order());
        var mail = harness.Mail.Sent[0];
        Assert.Equal("ledersektionen@sl.example", mail.From.Email);
        Assert.StartsWith("welcome:l", mail.DeliveryKey, StringComparison.Ordinal);
        Assert.NotNull(mail.UnsubscribeUrl);
        var leaders = await harness.LeadersAsync();
        Assert.All(leaders, l => Assert.Equal(LeaderState.Welcomed, l.State));
        var events = await harness.Queries.GetEventsAsync(harness.Copenhagen.Code, leaders[0].LeaderId);
        Assert.Equal([LeaderState.Discovered, LeaderState.Welcomed], events.Select(e => e.To));
        Assert.Equal(LeaderState.Discovered, events[1].From);
    }

    [Fact]
    public async Task SendAsync_RedeliveredWorkItem_SendsNoSecondLetter()
    {
        await using var harness = await LeaderFlowHarness.StartAsync(azurite.ConnectionString);
        harness.Source.Leaders.Add(harness.Leader("d1", MembershipStatus.NonMember));
        var item = (await harness.Discovery.RunAsync()).QueuedWelcomes.Single();

        var first = await harness.Welcome.SendAsync(item);
        var again = await harness.Welcome.SendAsync(item);

        Assert.Equal((LetterOutcome.Sent, LetterOutcome.AlreadySent), (first, again));
        Assert.Single(harness.Mail.Sent);
    }

    [Fact]
    public async Task SendAsync_CrashBetweenSendAndRecord_IsOutcomeUnknownAndNeverResent()
    {
        // Arrange
        await using var harness = await LeaderFlowHarness.StartAsync(azurite.ConnectionString);
        harness.Source.Leaders.Add(harness.Leader("e1", MembershipStatus.NonMember));
        var item = (await harness.Discovery.RunAsync()).QueuedWelcomes.Single();
        harness.Mail.CrashAfterSending = new InvalidOperationException("process killed");
        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Welcome.SendAsync(item));
        harness.Mail.CrashAfterSending = null;

        // Act: the queue redelivers the work item.
        var outcome = await harness.Welcome.SendAsync(item);
        var later = await harness.Welcome.SendAsync(item);

        // Assert
        Assert.Equal((LetterOutcome.OutcomeUnknown, LetterOutcome.OutcomeUnknown), (outcome, later));
        Assert.Single(harness.Mail.Sent);
        Assert.Equal(LeaderState.Discovered, (await harness.LeadersAsync()).Single().State);
    }

    [Fact]
    public async Task SendAsync_DuplicateWorkItemWhileTheFirstIsSending_OneLetterAndTheFirstRecordsItSent()
    {
        // Arrange: the first attempt has claimed the letter and is talking to the provider.
        await using var harness = await LeaderFlowHarness.StartAsync(azurite.ConnectionString);
        harness.Source.Leaders.Add(harness.Leader("d1", MembershipStatus.NonMember));
        var item = (await harness.Discovery.RunAsync()).QueuedWelcomes.Single();
        harness.Mail.HoldBeforeSending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = harness.Welcome.SendAsync(item);
        await harness.Mail.Holding.Task;

        // Act: a duplicate of the work item arrives meanwhile; then the first attempt's send completes.
        var duplicate = await harness.Welcome.SendAsync(item);
        harness.Mail.HoldBeforeSending.SetResult();
        var outcome = await first;

        // Assert: the duplicate did not send; the truth (sent) overrides its guess (outcome unknown).
        Assert.Equal(LetterOutcome.OutcomeUnknown, duplicate);
        Assert.Equal(LetterOutcome.Sent, outcome);
        Assert.Single(harness.Mail.Sent);
        Assert.Equal(LeaderState.Welcomed, (await harness.LeadersAsync()).Single().State);
        Assert.Equal(LetterOutcome.AlreadySent, await harness.Welcome.SendAsync(item));
    }

    [Fact]
    public async Task SendAsync_DuplicateWhileTheFirstFailsBeforeSending_RetrySendsTheLetterOnce()
    {
        // Arrange
        await using var harness = await LeaderFlowHarness.StartAsync(azurite.ConnectionString);
        harness.Source.Leaders.Add(harness.Leader("d2", MembershipStatus.NonMember));
        var item = (await harness.Discovery.RunAsync()).QueuedWelcomes.Single();
        harness.Mail.HoldBeforeSending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Mail.FailWith = new MailNotSentException("connection refused");
        var first = harness.Welcome.SendAsync(item);
        await harness.Mail.Holding.Task;
        await harness.Welcome.SendAsync(item); // the duplicate meets the claim

        // Act: the first attempt learns nothing went out, gives the claim back, and its message is retried.
        harness.Mail.HoldBeforeSending.SetResult();
        await Assert.ThrowsAsync<MailNotSentException>(() => first);
        harness.Mail.HoldBeforeSending = null;
        harness.Mail.FailWith = null;
        var retry = await harness.Welcome.SendAsync(item);

        // Assert
        Assert.Equal(LetterOutcome.Sent, retry);
        Assert.Single(harness.Mail.Sent);
    }

    [Fact]
    public async Task SendAsync_ProviderSaysOutcomeUnknown_IsRecordedAndNotResent()
    {
        await using var harness = await LeaderFlowHarness.StartAsync(azurite.ConnectionString);
        harness.Source.Leaders.Add(harness.Leader("f1", MembershipStatus.NonMember));
        var item = (await harness.Discovery.RunAsync()).QueuedWelcomes.Single();
        harness.Mail.FailWith = new MailOutcomeUnknownException("SendGrid answered 502");

        var outcome = await harness.Welcome.SendAsync(item);
        harness.Mail.FailWith = null;
        var retry = await harness.Welcome.SendAsync(item);

        Assert.Equal((LetterOutcome.OutcomeUnknown, LetterOutcome.OutcomeUnknown), (outcome, retry));
        Assert.Empty(harness.Mail.Sent);
    }

    [Fact]
    public async Task SendAsync_MailCertainlyNotSent_ReleasesTheClaimSoARetrySends()
    {
        await using var harness = await LeaderFlowHarness.StartAsync(azurite.ConnectionString);
        harness.Source.Leaders.Add(harness.Leader("g1", MembershipStatus.NonMember));
        var item = (await harness.Discovery.RunAsync()).QueuedWelcomes.Single();
        harness.Mail.FailWith = new MailNotSentException("rate limited", TimeSpan.FromSeconds(30));

        await Assert.ThrowsAsync<MailNotSentException>(() => harness.Welcome.SendAsync(item));
        harness.Mail.FailWith = null;
        var retry = await harness.Welcome.SendAsync(item);

        Assert.Equal(LetterOutcome.Sent, retry);
        Assert.Single(harness.Mail.Sent);
    }

    [Fact]
    public async Task SendAsync_LeaderBecameMemberBeforeTheSend_GetsTheMemberLetter()
    {
        await using var harness = await LeaderFlowHarness.StartAsync(azurite.ConnectionString);
        harness.Source.Leaders.Add(harness.Leader("h1", MembershipStatus.NonMember));
        var item = (await harness.Discovery.RunAsync()).QueuedWelcomes.Single();
        harness.Source.Leaders[0] = harness.Source.Leaders[0] with { Membership = MembershipStatus.Member };
        await harness.Discovery.RunAsync();

        await harness.Welcome.SendAsync(item);

        Assert.Equal("welcome-member 0", harness.Mail.Sent.Single().Subject);
    }

    [Fact]
    public async Task FollowUps_AfterTheDelayUntilJoined_GoOutOnceThenStop()
    {
        // Arrange: a non-member welcomed today.
        await using var harness = await LeaderFlowHarness.StartAsync(azurite.ConnectionString);
        var leader = harness.Leader("i1", MembershipStatus.NonMember);
        harness.Source.Leaders.Add(leader);
        await harness.Welcome.SendAsync((await harness.Discovery.RunAsync()).QueuedWelcomes.Single());

        // Act & Assert: nothing due before the district's 30 days.
        harness.Clock.Advance(TimeSpan.FromDays(29));
        Assert.Empty(await DueHereAsync(harness));

        harness.Clock.Advance(TimeSpan.FromDays(1));
        var due = Assert.Single(await DueHereAsync(harness));
        Assert.Equal(1, due.FollowUpNumber);
        Assert.Equal(LetterOutcome.Sent, await harness.FollowUps.SendAsync(due));
        Assert.Equal(LetterOutcome.AlreadySent, await harness.FollowUps.SendAsync(due));
        Assert.Empty(await DueHereAsync(harness));

        // The membership import marks the leader Joined, credited to the outreach: no second follow-up at day 60.
        var csv = $"district,email,joinedOn\n{harness.Copenhagen.Code},{leader.Email.ToUpperInvariant()},{harness.Clock.GetUtcNow():yyyy-MM-dd}\n";
        var import = await harness.Membership.ImportAsync(LeaderFlowHarness.Csv(csv), ImportMode.AllOrNothing, "anna@sl.example");
        harness.Clock.Advance(TimeSpan.FromDays(30));

        Assert.Equal((1, 1, 0, false), (import.Joined, import.Credited, import.Unmatched, import.Rejected));
        Assert.Empty(await DueHereAsync(harness));
        var view = (await harness.LeadersAsync()).Single();
        Assert.Equal((LeaderState.Joined, 1, true), (view.State, view.FollowUps, view.JoinCreditedToOutreach));
        Assert.Equal(["followup 1", "welcome-nonmember 0"], harness.Mail.Sent.Select(m => m.Subject).Order());
        var events = await harness.Queries.GetEventsAsync(view.District, view.LeaderId);
        Assert.Equal("anna@sl.example", events[^1].Actor);
    }

    [Fact]
    public async Task FindDueAsync_SecondFollowUpConfigured_IsDueAfterItsDelay()
    {
        await using var harness = await LeaderFlowHarness.StartAsync(azurite.ConnectionString);
        harness.Source.Leaders.Add(harness.Leader("j1", MembershipStatus.Unknown));
        await harness.Welcome.SendAsync((await harness.Discovery.RunAsync()).QueuedWelcomes.Single());
        harness.Clock.Advance(TimeSpan.FromDays(30));
        await harness.FollowUps.SendAsync(Assert.Single(await DueHereAsync(harness)));

        harness.Clock.Advance(TimeSpan.FromDays(30));
        var second = Assert.Single(await DueHereAsync(harness));

        Assert.Equal(2, second.FollowUpNumber);
    }

    [Fact]
    public async Task FindDueAsync_MembersAndDeclinedLeaders_GetNoFollowUp()
    {
        await using var harness = await LeaderFlowHarness.StartAsync(azurite.ConnectionString);
        harness.Source.Leaders.AddRange([harness.Leader("k1", MembershipStatus.Member), harness.Leader("k2", MembershipStatus.NonMember)]);
        foreach (var item in (await harness.Discovery.RunAsync()).QueuedWelcomes)
        {
            await harness.Welcome.SendAsync(item);
        }

        var declined = (await harness.LeadersAsync()).Single(l => l.Membership == MembershipStatus.NonMember);
        var decision = await harness.Membership.RecordDecisionAsync(new StaffDecision(declined.District, declined.LeaderId, LeaderState.Declined, "anna@sl.example", "Ønsker ikke at blive kontaktet"));
        harness.Clock.Advance(TimeSpan.FromDays(31));

        Assert.Equal(LeaderState.Declined, decision!.State);
        Assert.Empty(await DueHereAsync(harness));
        var last = (await harness.Queries.GetEventsAsync(declined.District, declined.LeaderId))[^1];
        Assert.Equal(("anna@sl.example", "Ønsker ikke at blive kontaktet"), (last.Actor, last.Reason));
    }

    [Fact]
    public async Task ImportAsync_AllOrNothingWithABadRow_StoresNothingAndNamesTheLine()
    {
        await using var harness = await LeaderFlowHarness.StartAsync(azurite.ConnectionString);
        var code = harness.Copenhagen.Code;
        var csv = "district,sourceId,name,email,jobTitle,workplace,municipality,hireDate,member\n" +
                  $"{code},s1,Åse Ørsted,aase.{Guid.NewGuid():N}@example.dk,Leder,Vuggestuen,Tårnby,2026-11-01,no\n" +
                  $"{code},s2,Bo Ibsen,not-an-address,Leder,Vuggestuen,Tårnby,2026-11-01,no\n";

        var refused = await harness.Discovery.ImportAsync(LeaderFlowHarness.Csv(csv), ImportMode.AllOrNothing, "anna@sl.example");
        var partial = await harness.Discovery.ImportAsync(LeaderFlowHarness.Csv(csv), ImportMode.GoodRows, "anna@sl.example");

        Assert.True(refused.Rejected);
        Assert.Equal(3, Assert.Single(refused.Problems).Line);
        Assert.Equal((false, 1, 1), (partial.Rejected, partial.Discovered, partial.QueuedWelcomes.Count));
        Assert.Single(await harness.LeadersAsync());
    }

    [Fact]
    public async Task OptOutAsync_GenuineToken_StopsTheWelcomeAndMarksTheLeader()
    {
        await using var harness = await LeaderFlowHarness.StartAsync(azurite.ConnectionString);
        var leader = harness.Leader("m1", MembershipStatus.NonMember);
        harness.Source.Leaders.Add(leader);
        var item = (await harness.Discovery.RunAsync()).QueuedWelcomes.Single();
        var token = harness.Tokens.CreateToken(harness.Copenhagen.Code, leader.Email, Core.Unsubscribe.OptOutCategory.Outreach);

        var accepted = await harness.OptOuts.OptOutAsync(token);
        var forged = await harness.OptOuts.OptOutAsync("forged");
        var outcome = await harness.Welcome.SendAsync(item);

        Assert.Equal(Core.Unsubscribe.OptOutCategory.Outreach, accepted);
        Assert.Null(forged);
        Assert.Equal(LetterOutcome.Skipped, outcome);
        Assert.Empty(harness.Mail.Sent);
        Assert.Equal(LeaderState.OptedOut, (await harness.LeadersAsync()).Single().State);
    }

    [Fact]
    public async Task GetFunnelAsync_MixedOutcomes_CountsEachStage()
    {
        await using var harness = await LeaderFlowHarness.StartAsync(azurite.ConnectionString);
        harness.Source.Leaders.AddRange([harness.Leader("n1", MembershipStatus.NonMember), harness.Leader("n2", MembershipStatus.NonMember), harness.Leader("n3", MembershipStatus.Member)]);
        var welcomes = (await harness.Discovery.RunAsync()).QueuedWelcomes;
        await harness.Welcome.SendAsync(welcomes[0]);
        await harness.Welcome.SendAsync(welcomes[1]);
        await harness.Membership.RecordDecisionAsync(new StaffDecision(welcomes[0].District, welcomes[0].LeaderId, LeaderState.Joined, "anna@sl.example", "Meldte sig ind på mødet"));

        var funnel = await harness.Queries.GetFunnelAsync(harness.Copenhagen.Code);

        var row = Assert.Single(funnel.Rows);
        Assert.Equal(("2026-11", "Tårnby", 3, 2, 0, 1, 1), (row.HiringMonth, row.Municipality, row.Discovered, row.Welcomed, row.FollowedUp, row.Joined, row.JoinedAfterLetter));
    }

    [Fact]
    public async Task SendAsync_DistrictRequiresConsentForNonMembers_ProducesAPrintLetterInsteadOfAnEmail()
    {
        // Arrange
        await using var harness = await LeaderFlowHarness.StartAsync(azurite.ConnectionString);
        harness.Copenhagen.RequireConsentForNonMembers = true;
        harness.Source.Leaders.AddRange([harness.Leader("p1", MembershipStatus.NonMember), harness.Leader("p2", MembershipStatus.Member)]);
        var welcomes = (await harness.Discovery.RunAsync()).QueuedWelcomes;

        // Act
        var outcomes = new List<LetterOutcome>();
        foreach (var item in welcomes)
        {
            outcomes.Add(await harness.Welcome.SendAsync(item));
        }

        // Assert: the member is e-mailed, the non-member gets a letter for the post.
        Assert.Equal([LetterOutcome.Sent, LetterOutcome.PrintLetterProduced], outcomes.Order());
        Assert.Equal("welcome-member 0", harness.Mail.Sent.Single().Subject);
        var letter = Assert.Single(Directory.GetFiles(harness.PrintFolder, "*.html"));
        Assert.Contains("Børnehuset Mælkebøtten", await File.ReadAllTextAsync(letter), StringComparison.Ordinal);
        var nonMember = (await harness.LeadersAsync()).Single(l => l.Membership == MembershipStatus.NonMember);
        Assert.Equal(LeaderState.Welcomed, nonMember.State);
        Assert.Contains("print letter", (await harness.Queries.GetEventsAsync(nonMember.District, nonMember.LeaderId))[^1].Reason, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<FollowUpWorkItem>> DueHereAsync(LeaderFlowHarness harness) =>
        (await harness.FollowUps.FindDueAsync()).Where(i => i.District == harness.Copenhagen.Code || i.District == harness.Aalborg.Code).ToList();
}
