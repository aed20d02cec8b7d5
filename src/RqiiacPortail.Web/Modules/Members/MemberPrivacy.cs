using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Identity;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Privacy;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.Web.Modules.Members;

/// <summary>
/// A member's rights under Québec's Law 25: a copy of everything the portal holds about them, gathered from every
/// part that registered an <see cref="IPersonalData"/>; and the closing of their account, erasing it all at once.
/// </summary>
public sealed class MemberPrivacy(PortalDbContext db, UserManager<PortalUser> users, IEnumerable<IPersonalData> parts, Infrastructure.Web.ILiveAccess live, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        // Readable French in the file: « é » stays « é ». The file is downloaded, never put into a page.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public async Task<byte[]> ExportAsync(PortalUser user, CancellationToken ct)
    {
        var subject = new DataSubject(user.Id, user.Email!, user.DisplayName);
        var document = new Dictionary<string, object?> { ["produit_le"] = clock.GetUtcNow() };
        foreach (var part in parts.OrderBy(p => p.Key == "compte" ? 0 : 1).ThenBy(p => p.Key, StringComparer.Ordinal))
            document[part.Key] = await part.ExportAsync(subject, ct);
        return JsonSerializer.SerializeToUtf8Bytes(document, Json);
    }

    /// <summary>The last administrator cannot leave: nobody could then manage the portal.</summary>
    public async Task<bool> IsLastAdministratorAsync(PortalUser user) =>
        await users.IsInRoleAsync(user, Roles.Administrator) && (await users.GetUsersInRoleAsync(Roles.Administrator)).Count == 1;

    /// <summary>Erases every part, then the account, in one transaction.</summary>
    public async Task<IdentityResult> CloseAccountAsync(PortalUser user, ErasureChoices choices, CancellationToken ct)
    {
        var subject = new DataSubject(user.Id, user.Email!, user.DisplayName);
        var result = await db.InTransactionAsync(async tx =>
        {
            foreach (var part in parts) await part.EraseAsync(subject, choices, ct);
            await db.SaveChangesAsync(ct);
            var deleted = await users.DeleteAsync(user);
            if (deleted.Succeeded) await tx.CommitAsync(ct);
            return deleted;
        }, ct);
        // Gone: nothing of theirs stays open live.
        if (result.Succeeded) await live.MemberChangedAsync(user.Id, ct);
        return result;
    }
}
