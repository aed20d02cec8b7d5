using RqiiacPortail.Web.Modules.Events;
using RqiiacPortail.Web.Modules.Forum;

namespace RqiiacPortail.UnitTests;

/// <summary>The waiting list's times and the forum's first-post moderation, as rules alone.</summary>
public sealed class WaitingListAndModerationRules
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AnOffer_Holds48Hours_ButNeverPastTheStart()
    {
        Assert.Equal(Now.AddHours(48), WaitingListRules.OfferEnds(Now, Now.AddDays(20)));
        Assert.Equal(Now.AddHours(48), WaitingListRules.OfferEnds(Now, Now.AddHours(48)));
        Assert.Equal(Now.AddHours(15), WaitingListRules.OfferEnds(Now, Now.AddHours(15)));
    }

    [Theory]
    [InlineData(EventState.Published, 2, true)]
    [InlineData(EventState.Published, 0, false)]
    [InlineData(EventState.Published, -2, false)]
    [InlineData(EventState.Cancelled, 2, false)]
    [InlineData(EventState.Draft, 2, false)]
    public void FreedSeats_GoToTheList_OnlyWhileTheEventIsPublishedAndNotStarted(EventState state, int hoursToStart, bool offers) =>
        Assert.Equal(offers, WaitingListRules.OffersSeats(state, Now.AddHours(hoursToStart), Now));

    [Fact]
    public void AVisitorsSeat_IsHeldAnHour_UntilTheAddressIsConfirmed()
    {
        Assert.Equal(Now.AddHours(1), WaitingListRules.SeatHeldUntil(seated: true, emailConfirmed: false, Now));
        Assert.Null(WaitingListRules.SeatHeldUntil(seated: true, emailConfirmed: true, Now));
        Assert.Null(WaitingListRules.SeatHeldUntil(seated: false, emailConfirmed: false, Now));
    }

    [Theory]
    // moderates, pseudonymous, pseudonym approved, approved in section, section reads first → status
    [InlineData(false, false, false, 0, 2, PostStatus.Pending)]
    [InlineData(false, false, false, 1, 2, PostStatus.Pending)]
    [InlineData(false, false, false, 2, 2, PostStatus.Published)]
    [InlineData(false, false, false, 0, 0, PostStatus.Published)]
    [InlineData(true, false, false, 0, 2, PostStatus.Published)]
    [InlineData(false, true, false, 10, 2, PostStatus.Pending)]
    [InlineData(true, true, false, 0, 2, PostStatus.Pending)]
    [InlineData(false, true, true, 10, 2, PostStatus.Published)]
    [InlineData(false, true, true, 0, 2, PostStatus.Pending)]
    public void ANewPost_WaitsForAModerator_AsTheRulesSay(bool moderates, bool pseudonymous, bool pseudonymApproved, int approved, int required, PostStatus expected) =>
        Assert.Equal(expected, ModerationRules.FirstStatus(moderates, pseudonymous, pseudonymApproved, approved, required));
}
