using System.Text;
using RqiiacPortail.Web.Infrastructure.Mail;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Notifications.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Events;

/// <summary>
/// What registrants are told, in French, each message with the link to their registration's own page. Messages
/// and notifications join the caller's unit of work: they leave only if the change they tell of is committed.
/// Links start with the configured public address, never the request's host.
/// </summary>
public sealed class EventMail(IMailOutbox outbox, INotifier notifier, ISectionCatalog sections, PublicUrls urls, EventCalendar calendar, AddressConfirmation confirmation)
{
    public async Task<string> PrefixAsync(Event e, CancellationToken ct) => (await sections.FindAsync(e.SectionId, ct))?.PathPrefix ?? "";

    public async Task<string> RegistrationUrlAsync(Event e, Registration r, CancellationToken ct) =>
        urls.Absolute($"{await PrefixAsync(e, ct)}/evenements/inscriptions/{r.Code}");

    /// <summary>The link that confirms a visitor's address: in the e-mail only, one click.</summary>
    public async Task<string> ConfirmationUrlAsync(Event e, Registration r, CancellationToken ct) =>
        urls.Absolute($"{await PrefixAsync(e, ct)}/evenements/inscriptions/{r.Code}?handler=Confirmer&cle={Uri.EscapeDataString(confirmation.KeyFor(r))}");

    public async Task<string> EventUrlAsync(Event e, CancellationToken ct) =>
        urls.Absolute($"{await PrefixAsync(e, ct)}/evenements/{IdSlugConstraint.Key(e.Id, e.Title)}");

    /// <summary>Just registered: confirmed (with the invitation), waiting, or asked to confirm the address first.</summary>
    public async Task RegisteredAsync(Event e, Registration r, CancellationToken ct)
    {
        if (!r.EmailConfirmed)
        {
            var held = r.Status == RegistrationStatus.Confirmed
                ? $"Une place vous est réservée pendant une heure : confirmez votre adresse d'ici le {FrenchText.DateTime(r.HoldUntil!.Value)} pour la garder."
                : "L'événement est complet : vous êtes inscrit·e sur la liste d'attente. Confirmez votre adresse pour recevoir l'offre d'une place qui se libère.";
            Send(r, $"Confirmez votre adresse : {e.Title}", new MailBody("Confirmez votre adresse courriel")
                .Paragraph($"Bonjour {r.Name}, vous vous êtes inscrit·e à « {e.Title} » ({When(e)}).").Paragraph(held)
                .Action("Confirmer mon adresse", await ConfirmationUrlAsync(e, r, ct))
                .Paragraph("Si vous n'êtes pas à l'origine de cette inscription, ignorez ce message : elle sera retirée."), MailLane.Urgent);
            return;
        }
        if (r.Status == RegistrationStatus.Confirmed) await ConfirmedAsync(e, r, ct);
        else
        {
            Send(r, $"Liste d'attente : {e.Title}", new MailBody("Vous êtes sur la liste d'attente")
                .Paragraph($"Bonjour {r.Name}, « {e.Title} » ({When(e)}) est complet : votre inscription est sur la liste d'attente.")
                .Paragraph("Dès qu'une place se libère, elle est offerte à la première personne de la liste, qui a 48 heures pour l'accepter. Vous recevrez alors un courriel.")
                .Action("Voir mon inscription", await RegistrationUrlAsync(e, r, ct)));
        }
    }

    /// <summary>The seat is theirs: the confirmation, with the event as an iCalendar attachment.</summary>
    public async Task ConfirmedAsync(Event e, Registration r, CancellationToken ct)
    {
        var url = await RegistrationUrlAsync(e, r, ct);
        var body = new MailBody("Votre inscription est confirmée")
            .Paragraph($"Bonjour {r.Name}, votre place à « {e.Title} » est confirmée.")
            .Paragraph($"Quand : {When(e)}.");
        if (e.Place is { } place) body.Paragraph($"Où : {place}.");
        if (e.OnlineLink is { } link) body.Paragraph($"En ligne : {link}");
        var workshops = WorkshopLines(e, r);
        if (workshops.Length > 0) body.Paragraph(workshops);
        body.Paragraph("L'invitation jointe (.ics) ajoute l'événement à votre agenda.")
            .Action("Voir, changer ou annuler mon inscription", url);
        var ics = calendar.Feed(e.Title, [new EventCalendar.Entry(e, await EventUrlAsync(e, ct), e.OnlineLink, false)], "PUBLISH");
        Send(r, $"Inscription confirmée : {e.Title}", body, attachment: new MailAttachment("evenement.ics", "text/calendar; method=PUBLISH; charset=utf-8", Encoding.UTF8.GetBytes(ics)));
    }

    public async Task CancelledAsync(Event e, Registration r, CancellationToken ct) =>
        Send(r, $"Inscription annulée : {e.Title}", new MailBody("Votre inscription est annulée")
            .Paragraph($"Bonjour {r.Name}, votre inscription à « {e.Title} » ({When(e)}) est annulée.")
            .Action("Revoir l'événement", await EventUrlAsync(e, ct)));

    /// <summary>A seat freed up: it is theirs if they accept it before the hold ends (e-mail, and a notification for a member).</summary>
    public async Task OfferedAsync(Event e, Registration r, CancellationToken ct)
    {
        var url = await RegistrationUrlAsync(e, r, ct);
        var until = FrenchText.DateTime(r.HoldUntil!.Value);
        Send(r, $"Une place s'est libérée : {e.Title}", new MailBody("Une place vous est offerte")
            .Paragraph($"Bonjour {r.Name}, une place s'est libérée à « {e.Title} » ({When(e)}) et vous êtes la première personne de la liste d'attente.")
            .Paragraph($"Elle vous est réservée jusqu'au {until}. Sans réponse d'ici là, elle sera offerte à la personne suivante.")
            .Action("Accepter ou refuser la place", url));
        if (r.UserId is { } member)
            await notifier.NotifyAsync(new Notice(EventsModule.RegistrationKind.Key, [member], $"Une place vous est offerte à « {e.Title} » jusqu'au {until}",
                $"{await PrefixAsync(e, ct)}/evenements/inscriptions/{r.Code}"), ct);
    }

    public async Task ExpiredAsync(Event e, Registration r, CancellationToken ct) =>
        Send(r, $"Place libérée : {e.Title}", new MailBody(r.Status == RegistrationStatus.Offered ? "L'offre de place a expiré" : "Votre place n'a pas été gardée")
            .Paragraph(r.Status == RegistrationStatus.Offered
                ? $"Bonjour {r.Name}, la place offerte à « {e.Title} » n'a pas été acceptée à temps : elle passe à la personne suivante de la liste d'attente."
                : $"Bonjour {r.Name}, votre adresse n'a pas été confirmée dans l'heure : la place réservée à « {e.Title} » a été libérée.")
            .Paragraph("Vous pouvez vous inscrire de nouveau tant que les inscriptions sont ouvertes.")
            .Action("Revoir l'événement", await EventUrlAsync(e, ct)));

    public async Task WorkshopSeatedAsync(Event e, Registration r, Workshop w, CancellationToken ct)
    {
        Send(r, $"Atelier confirmé : {w.Title}", new MailBody("Une place s'est libérée dans votre atelier")
            .Paragraph($"Bonjour {r.Name}, vous attendiez une place à l'atelier « {w.Title} » de « {e.Title} » : elle est à vous.")
            .Action("Voir mon inscription", await RegistrationUrlAsync(e, r, ct)));
        if (r.UserId is { } member)
            await notifier.NotifyAsync(new Notice(EventsModule.RegistrationKind.Key, [member], $"Votre place à l'atelier « {w.Title} » est confirmée",
                $"{await PrefixAsync(e, ct)}/evenements/inscriptions/{r.Code}"), ct);
    }

    public async Task ReminderAsync(Event e, Registration r, CancellationToken ct)
    {
        var body = new MailBody($"Rappel : {e.Title}").Paragraph($"Bonjour {r.Name}, « {e.Title} » a lieu bientôt : {When(e)}.");
        if (e.Place is { } place) body.Paragraph($"Où : {place}.");
        if (e.OnlineLink is { } link) body.Paragraph($"En ligne : {link}");
        var workshops = WorkshopLines(e, r);
        if (workshops.Length > 0) body.Paragraph(workshops);
        Send(r, $"Rappel : {e.Title}, {FrenchText.Date(e.StartsAt)}", body.Action("Voir mon inscription", await RegistrationUrlAsync(e, r, ct)));
    }

    /// <summary>The attestation of attendance is ready: where to download it (the registration's own page).</summary>
    public async Task AttestationReadyAsync(Event e, Registration r, CancellationToken ct)
    {
        var body = new MailBody("Votre attestation de participation est prête")
            .Paragraph($"Bonjour {r.Name}, merci d'avoir participé à « {e.Title} » ({When(e)}).")
            .Paragraph("Votre attestation de participation est prête : téléchargez-la depuis votre inscription, en PDF, à remettre à votre employeur au besoin.");
        Send(r, $"Votre attestation : {e.Title}", body.Action("Télécharger mon attestation", await RegistrationUrlAsync(e, r, ct) + "?handler=Attestation"));
    }

    public static string When(Event e) => Span(e.StartsAt, e.EndsAt);

    /// <summary>« le 17 janvier 2027 de 13 h 30 à 15 h 30 », or from one day to another.</summary>
    public static string Span(DateTimeOffset start, DateTimeOffset end) => FrenchText.Local(start).Date == FrenchText.Local(end).Date
        ? $"le {FrenchText.Date(start)} de {Hour(start)} à {Hour(end)}"
        : $"du {FrenchText.DateTime(start)} au {FrenchText.DateTime(end)}";

    /// <summary>« 9 h 05 », Québec time.</summary>
    public static string Hour(DateTimeOffset at) => FrenchText.Local(at).ToString("H 'h' mm", System.Globalization.CultureInfo.InvariantCulture);

    private static string WorkshopLines(Event e, Registration r) => string.Join(" ", r.Workshops
        .Select(c => (c, w: e.Workshops.FirstOrDefault(w => w.Id == c.WorkshopId))).Where(x => x.w is not null)
        .Select(x => x.c.Held ? $"Atelier : {x.w!.Title}." : $"Atelier « {x.w!.Title} » : sur la liste d'attente de l'atelier."));

    private void Send(Registration r, string subject, MailBody body, MailLane lane = MailLane.Normal, MailAttachment? attachment = null) =>
        outbox.Enqueue(new MailDraft(r.Email, r.Name, subject, body.Render(), Lane: lane, Attachment: attachment));
}
