namespace RqiiacPortail.Web.Modules.Notifications.Contracts;

/// <summary>How a member wants a kind of notification: on the site only, by e-mail at once, or in a daily digest.</summary>
public enum Delivery
{
    Site = 0,
    Email = 1,
    Digest = 2,
}

/// <param name="Key">Stable identifier, stored with each notification and preference.</param>
/// <param name="Label">What the preferences page calls it.</param>
public sealed record NotificationKind(string Key, string Label, Delivery DefaultDelivery);

/// <summary>The kinds the portal's modules raise. Modules name one of these; members choose how each reaches them.</summary>
public static class NotificationKinds
{
    public const string Membership = "adhesion";
    public const string ApplicationToReview = "demande-a-examiner";
    public const string ThreadReply = "reponse-sujet-suivi";
    public const string Mention = "mention";
    public const string ModerationDecision = "decision-moderation";
    public const string RegistrationStatus = "inscription-evenement";
    public const string NewToolInRegion = "nouvel-outil-region";
    public const string NewBulletinIssue = "nouveau-bulletin";
    public const string Announcement = "annonce";

    public static readonly IReadOnlyList<NotificationKind> All =
    [
        new(Membership, "Mon adhésion et mes rôles", Delivery.Email),
        new(ApplicationToReview, "Demandes d'adhésion à examiner (coordination)", Delivery.Site),
        new(ThreadReply, "Réponses dans les sujets que je suis", Delivery.Site),
        new(Mention, "Mentions de mon nom (@)", Delivery.Email),
        new(ModerationDecision, "Décisions de modération sur mes messages", Delivery.Email),
        new(RegistrationStatus, "Mes inscriptions aux événements", Delivery.Email),
        new(NewToolInRegion, "Nouveaux outils dans ma région", Delivery.Digest),
        new(NewBulletinIssue, "Nouveaux numéros du bulletin", Delivery.Site),
        new(Announcement, "Annonces du conseil d'administration et de ma région", Delivery.Site),
    ];

    public static NotificationKind? Find(string key) => All.FirstOrDefault(k => k.Key == key);
}

/// <summary>A kind some module of this site actually raises: only those are offered on the preferences page.</summary>
public sealed record RaisedNotificationKind(string Key);

public static class NotificationKindRegistration
{
    /// <summary>Declares, from a module's entry point, that it raises this kind.</summary>
    public static IServiceCollection AddNotificationKind(this IServiceCollection services, string key) =>
        services.AddSingleton(new RaisedNotificationKind(key));
}
