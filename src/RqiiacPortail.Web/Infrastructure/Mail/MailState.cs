namespace RqiiacPortail.Web.Infrastructure.Mail;

/// <summary>
/// Where a message stands, as a person reads it on « Courriels » in the administration. Each change of state after
/// a claim is written only by the attempt that holds the row's lease (<see cref="OutboxMail.LockToken"/>).
/// </summary>
public enum MailState
{
    /// <summary>Waiting for its first attempt.</summary>
    Queued = 0,

    /// <summary>Claimed by one instance (<see cref="OutboxMail.Owner"/>), being handed to the SMTP server.</summary>
    Sending = 1,

    /// <summary>The SMTP server accepted it.</summary>
    Sent = 2,

    /// <summary>A passing failure (an SMTP 4xx, a dropped connection): tried again at <see cref="OutboxMail.NextAttemptAt"/>.</summary>
    Retrying = 3,

    /// <summary>
    /// No further attempt: the server refused it for good (an SMTP 5xx, counted against the address when it was the
    /// recipient that was refused), the address cannot be read, or the attempts ran out.
    /// </summary>
    Failed = 4,

    /// <summary>
    /// The instance sending it stopped before it knew the outcome (the server may have accepted it). What follows is
    /// <see cref="MailOptions.Uncertain"/>'s policy: sent again under the same Message-ID, or set aside for a person.
    /// </summary>
    Uncertain = 5,

    /// <summary>Bulk mail not sent: its address was refused for good too often and has not been confirmed since.</summary>
    Withheld = 6,
}

/// <summary>What to do with a message whose sending was interrupted (<see cref="MailState.Uncertain"/>).</summary>
public enum UncertainMailPolicy
{
    /// <summary>
    /// Sent again under the same Message-ID (at least once): a receiver that keeps Message-IDs shows it once, a
    /// confirmation link is never lost. The default.
    /// </summary>
    Resend = 0,

    /// <summary>Left for a person to decide on « Courriels » (send again, or count it as sent): at most once.</summary>
    SetAside = 1,
}

public static class MailStates
{
    public static string Label(this MailState state) => state switch
    {
        MailState.Queued => "En attente",
        MailState.Sending => "En cours d'envoi",
        MailState.Sent => "Envoyé",
        MailState.Retrying => "Nouvel essai prévu",
        MailState.Failed => "Échec définitif",
        MailState.Uncertain => "Incertain",
        MailState.Withheld => "Retenu (adresse en échec)",
        _ => state.ToString(),
    };

    /// <summary>States a message leaves only by an attempt, or by a person's decision.</summary>
    public static bool IsFinal(this MailState state) => state is MailState.Sent or MailState.Failed or MailState.Withheld;
}
