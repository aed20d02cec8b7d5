using Microsoft.AspNetCore.DataProtection;
using RqiiacPortail.Web.Infrastructure.Web;

namespace RqiiacPortail.Web.Modules.Notifications;

/// <summary>
/// Absolute links for e-mails, and the signed token of the one-click unsubscribe: it names a member and a kind,
/// so the link works without signing in and cannot be forged for someone else.
/// </summary>
public sealed class NotificationLinks(IDataProtectionProvider protection, PublicUrls urls)
{
    private readonly IDataProtector _protector = protection.CreateProtector("notifications.desabonnement.v1");

    /// <summary>The kind an unsubscribe token names for the daily digest as a whole.</summary>
    public const string DigestKind = "resume-quotidien";

    public string Absolute(string path) => urls.Absolute(path);

    public string Unsubscribe(string userId, string kind) =>
        Absolute($"/notifications/desabonnement?jeton={Uri.EscapeDataString(_protector.Protect($"{userId}\n{kind}"))}");

    public (string UserId, string Kind)? ReadToken(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2000) return null;
        try
        {
            var parts = _protector.Unprotect(token).Split('\n');
            return parts.Length == 2 ? (parts[0], parts[1]) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
