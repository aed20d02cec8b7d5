using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Members;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Sections;

namespace RqiiacPortail.Tests.ScaleOut;

/// <summary>Approved members written straight into a cluster's database (a network's volume in seconds).</summary>
internal static class ClusterMembers
{
    public static async Task<List<(string Id, string Email)>> AddAsync(PortalDbContext db, int count, string prefix)
    {
        var lanaudiere = await db.Set<Section>().AsNoTracking().SingleAsync(s => s.Slug == "lanaudiere");
        var hash = new PasswordHasher<PortalUser>().HashPassword(null!, "Essai-grappe-2026!");
        var created = DateTimeOffset.UtcNow.AddDays(-30);
        var added = new List<(string, string)>(count);
        for (var i = 0; i < count; i++)
        {
            var email = $"{prefix}-{i:0000}@grappe.rqiiac.test";
            var name = email.Split('@')[0];
            var user = new PortalUser
            {
                UserName = name, NormalizedUserName = name.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true, PasswordHash = hash, SecurityStamp = Guid.NewGuid().ToString("N"),
                FirstName = "Membre", LastName = $"Grappe {i}", HomeSectionId = lanaudiere.Id, Status = MembershipStatus.Approved, CreatedAt = created,
            };
            db.Users.Add(user);
            db.Add(new SectionRole { UserId = user.Id, SectionId = lanaudiere.Id, Role = Roles.Member, GrantedAt = created });
            added.Add((user.Id, email));
            if (i % 500 == 499) { await db.SaveChangesAsync(); db.ChangeTracker.Clear(); }
        }
        await db.SaveChangesAsync();
        return added;
    }
}
