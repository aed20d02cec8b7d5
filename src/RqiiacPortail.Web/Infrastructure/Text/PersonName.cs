namespace RqiiacPortail.Web.Infrastructure.Text;

/// <summary>
/// One bound for a person's name: a first and a last name of <see cref="MaxPart"/> characters each, and the
/// display name made of both (« Prénom Nom »). Every column that copies a display name (a registration, a
/// recipient, the journal's actor) takes <see cref="MaxLength"/>; <c>TextLengthTests</c> checks them.
/// </summary>
public static class PersonName
{
    public const int MaxPart = 100;
    public const int MaxLength = 2 * MaxPart + 1;
}
