namespace RqiiacPortail.Web.Modules.Events;

/// <summary>
/// The waiting list's rules about time, apart from the database so that they are tested alone (the unit lane):
/// who is offered a freed seat, and until when a seat is held.
/// </summary>
public static class WaitingListRules
{
    public static readonly TimeSpan OfferHold = TimeSpan.FromHours(48);
    public static readonly TimeSpan UnconfirmedHold = TimeSpan.FromHours(1);

    /// <summary>A freed seat goes to the waiting list only while the event is published and not started.</summary>
    public static bool OffersSeats(EventState state, DateTimeOffset startsAt, DateTimeOffset now) =>
        state == EventState.Published && now < startsAt;

    /// <summary>An offer holds for 48 hours, never past the event's start: a seat offered the evening before is answered that night.</summary>
    public static DateTimeOffset OfferEnds(DateTimeOffset now, DateTimeOffset startsAt) =>
        now + OfferHold < startsAt ? now + OfferHold : startsAt;

    /// <summary>A seat taken by a visitor who has not confirmed their address yet is held an hour; a confirmed one is not held.</summary>
    public static DateTimeOffset? SeatHeldUntil(bool seated, bool emailConfirmed, DateTimeOffset now) =>
        seated && !emailConfirmed ? now + UnconfirmedHold : null;

}
