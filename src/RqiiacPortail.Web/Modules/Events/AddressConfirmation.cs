using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace RqiiacPortail.Web.Modules.Events;

/// <summary>
/// The key of a visitor's « Confirmer mon adresse » link, sent only by e-mail: the registration's own page (whose
/// address the registrant sees after the form) cannot confirm, or anyone could hold seats for made-up addresses.
/// The registration's code protected by the site's data-protection keys (shared by a cluster), so nothing new is
/// stored and a link keeps working after a restart.
/// </summary>
public sealed class AddressConfirmation(IDataProtectionProvider protection)
{
    /// <summary>A key longer than this is not one of ours (it is never read).</summary>
    public const int MaxKeyLength = 400;

    private readonly IDataProtector _protector = protection.CreateProtector("evenements.confirmation-adresse.v1");

    public string KeyFor(Registration r) => _protector.Protect(r.Code);

    public bool Matches(Registration r, string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength) return false;
        try
        {
            var code = _protector.Unprotect(key);
            return CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(code), System.Text.Encoding.UTF8.GetBytes(r.Code));
        }
        catch (CryptographicException) { return false; }
    }
}
