namespace RqiiacPortail.Web.Infrastructure.Rules;

/// <summary>
/// A rule's answer to a request it turns down: the reason in French and the field it belongs next to (empty: the
/// whole form). Services decide and return refusals; pages only place them (<c>ModelState.AddRefusals</c>).
/// </summary>
public sealed record Refusal(string Field, string Message)
{
    public static Refusal OfForm(string message) => new("", message);
}

/// <summary>
/// A decision about an action: done, refused with reasons, or not this person's to take (the page answers 403).
/// Kept apart from <see cref="Refusal"/> so a forbidden action is never shown as a form error to fix.
/// </summary>
public sealed record Decision(bool Forbidden, IReadOnlyList<Refusal> Refusals)
{
    public static readonly Decision Done = new(false, []);
    public static readonly Decision NotYours = new(true, []);

    public bool Succeeded => !Forbidden && Refusals.Count == 0;

    public static Decision Refuse(IReadOnlyList<Refusal> refusals) => new(false, refusals);

    public static Decision Refuse(string field, string message) => new(false, [new Refusal(field, message)]);
}
