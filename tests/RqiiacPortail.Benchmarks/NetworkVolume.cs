using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Members;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Notifications;
using RqiiacPortail.Web.Modules.Notifications.Contracts;
using RqiiacPortail.Web.Modules.Sections;
using RqiiacPortail.Web.Modules.Taxonomy;
using RqiiacPortail.Web.Modules.Tools;

namespace RqiiacPortail.Benchmarks;

/// <summary>
/// Fills a database made by the national recipe with what a year of the real network would leave: members in
/// every region, tools with their files' text and terms, a year of announcements and new-tool notices. Written
/// straight through the context (one password hash for all, no file bytes): loading is not what is measured.
/// </summary>
internal static class NetworkVolume
{
    public const string Password = "mot de passe du banc d'essai";

    // Words of the field, so that the text reads like the network's and the search queries find something.
    private static readonly string[] Words =
    [
        "logement", "sécurité", "alimentaire", "concertation", "quartier", "citoyens", "mobilisation", "organisme",
        "communautaire", "santé", "publique", "territoire", "développement", "social", "intervention", "collective",
        "partenaires", "comité", "table", "locale", "démarche", "participation", "équité", "pauvreté", "exclusion",
        "jeunes", "aînés", "familles", "transport", "environnement", "projet", "évaluation", "animation", "réunion",
        "portrait", "besoins", "ressources", "accompagnement", "formation", "pratique", "éthique", "soutien",
        "municipalité", "école", "itinérance", "loyer", "coopérative", "jardin", "cuisine", "marché", "épicerie",
    ];

    /// <param name="OrganizerEmail">A board member who moderates the national section: the door and the journal (null in a site filled before it existed).</param>
    public sealed record Seeded(string MemberEmail, int MemberSectionId, string MemberSectionSlug, int ToolId, string FacetQuery, string? OrganizerEmail = null);

    public static async Task<Seeded> FillAsync(PortalDbContext db, int memberCount, int toolCount)
    {
        var random = new Random(2026);
        var now = DateTimeOffset.UtcNow;
        var regions = await db.Set<Section>().AsNoTracking().Where(s => !s.IsNational).OrderBy(s => s.Code).ToListAsync();
        var vocabularies = await db.Set<Vocabulary>().AsNoTracking().Where(v => ToolsModule.DescribingVocabularies.Contains(v.Key)).ToListAsync();
        var vocabularyIds = vocabularies.Select(v => v.Id).ToList();
        var describing = await db.Set<Term>().AsNoTracking().Where(t => vocabularyIds.Contains(t.VocabularyId)).OrderBy(t => t.Id).ToListAsync();
        var hash = new PasswordHasher<PortalUser>().HashPassword(null!, Password);

        // Members, spread over the regions as the network is (Montréal and Capitale-Nationale hold more).
        var members = new List<(string Id, int SectionId)>(memberCount);
        for (var i = 1; i <= memberCount; i++)
        {
            var region = regions[i % 5 == 0 ? 0 : random.Next(regions.Count)];
            var address = $"membre{i:0000}@banc.rqiiac.test";
            var name = address.Split('@')[0];
            var user = new PortalUser
            {
                UserName = name, NormalizedUserName = name.ToUpperInvariant(), Email = address, NormalizedEmail = address.ToUpperInvariant(),
                EmailConfirmed = true, PasswordHash = hash, SecurityStamp = Guid.NewGuid().ToString("N"),
                FirstName = "Membre", LastName = $"Numéro {i}", HomeSectionId = region.Id, Status = MembershipStatus.Approved,
                CreatedAt = now.AddDays(-random.Next(365, 1500)),
            };
            db.Users.Add(user);
            db.Add(new SectionRole { UserId = user.Id, SectionId = region.Id, Role = Roles.Member, GrantedAt = user.CreatedAt });
            members.Add((user.Id, region.Id));
            if (i % 1000 == 0) await SaveAsync(db);
        }
        await SaveAsync(db);

        // Tools: public for the most part, some for members, some for their region only; one or two files each.
        var tools = new List<Tool>(toolCount);
        for (var i = 1; i <= toolCount; i++)
        {
            var (authorId, sectionId) = members[random.Next(members.Count)];
            var published = now.AddMinutes(-random.Next(1, 365 * 24 * 60));
            var tool = new Tool
            {
                SectionId = sectionId, Title = $"Outil {i} : {Phrase(random, 5)}", Summary = Paragraphs(random, 3, 40),
                Licence = Licences.All[random.Next(Licences.All.Count)].Key, Author = $"Membre numéro {i}",
                Organisation = "CISSS du banc d'essai", Status = ToolStatus.Published, CreatedById = authorId,
                Visibility = (i % 10) switch { < 7 => ToolVisibility.Public, < 9 => ToolVisibility.Members, _ => ToolVisibility.SectionMembers },
                CreatedAt = published, UpdatedAt = published, PublishedAt = published,
            };
            for (var f = 0; f < 1 + i % 2; f++)
            {
                var text = Paragraphs(random, 8, 60);
                var kind = f == 0 ? "pdf" : "docx";
                tool.Files.Add(new ToolFile
                {
                    Slot = Guid.NewGuid(), FileName = $"outil-{i}-{f + 1}.{kind}", Kind = kind,
                    ContentType = kind == "pdf" ? "application/pdf" : "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    Length = text.Length * 4, Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))),
                    StorageKey = $"banc/{Guid.NewGuid():N}", Text = new ToolFileText { Text = text }, AnalyzedAt = published,
                    UploadedAt = published, Downloads = random.Next(0, 300),
                });
            }
            foreach (var term in describing.OrderBy(_ => random.Next()).Take(random.Next(2, 6))) tool.Terms.Add(new ToolTerm { TermId = term.Id });
            db.Add(tool);
            tools.Add(tool);
            if (i % 250 == 0) await SaveAsync(db);
        }
        await SaveAsync(db);

        // A year of notifications: a national announcement a week, one a month in each region, and a notice to a
        // region's members for each tool shared there. Kept as rows, the most recent unread.
        var byRegion = members.GroupBy(m => m.SectionId).ToDictionary(g => g.Key, g => g.Select(m => m.Id).ToList());
        var written = 0;
        async Task NotifyAsync(IEnumerable<string> userIds, string kind, string title, string link, DateTimeOffset at)
        {
            foreach (var userId in userIds)
            {
                db.Add(new Notification
                {
                    UserId = userId, Kind = kind, Title = title, Link = link, CreatedAt = at, RaisedBy = "banc",
                    Delivery = Delivery.Site, PushedAt = at, ReadAt = at < now.AddDays(-14) ? at.AddHours(3) : null,
                });
                if (++written % 20_000 == 0) await SaveAsync(db);
            }
        }
        for (var week = 0; week < 52; week++)
            await NotifyAsync(members.Select(m => m.Id), NotificationsModule.Announcement.Key, $"Annonce nationale de la semaine {52 - week}", "/", now.AddDays(-7 * week));
        foreach (var region in regions)
            for (var month = 0; month < 12; month++)
                await NotifyAsync(byRegion.GetValueOrDefault(region.Id, []), NotificationsModule.Announcement.Key, $"Nouvelles de {region.Name} ({12 - month})", $"/{region.Slug}/", now.AddDays(-30 * month));
        foreach (var tool in tools)
            await NotifyAsync(byRegion.GetValueOrDefault(tool.SectionId, []).Take(200), ToolsModule.NewToolInRegion.Key, $"Nouvel outil : {tool.Title}",
                $"/outils/{tool.Id}", tool.PublishedAt!.Value);
        await SaveAsync(db);
        Console.WriteLine($"  {memberCount} membres, {toolCount} outils, {written} notifications.");

        // The signed-in reader: a member of the first region, who holds the most notifications.
        var reader = members.First(m => m.SectionId == regions[0].Id);
        var email = await db.Users.Where(u => u.Id == reader.Id).Select(u => u.Email!).SingleAsync();
        var facet = describing.First();
        var vocabulary = vocabularies.Single(v => v.Id == facet.VocabularyId);

        // The organizer: on the board (national events, their door) and a national moderator (the journal).
        var national = await db.Set<Section>().AsNoTracking().SingleAsync(s => s.IsNational);
        var organizer = members[1];
        // The board is a role of the whole site (Identity's), moderation a role in the national section.
        var board = await db.Roles.FirstOrDefaultAsync(r => r.Name == Roles.Board);
        if (board is null) db.Roles.Add(board = new Microsoft.AspNetCore.Identity.IdentityRole(Roles.Board) { NormalizedName = Roles.Board.ToUpperInvariant() });
        db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = organizer.Id, RoleId = board.Id });
        db.Add(new SectionRole { UserId = organizer.Id, SectionId = national.Id, Role = Roles.Moderator, GrantedAt = now });
        await SaveAsync(db);
        var organizerEmail = await db.Users.Where(u => u.Id == organizer.Id).Select(u => u.Email!).SingleAsync();
        return new Seeded(email, regions[0].Id, regions[0].Slug, tools.Last(t => t.Visibility == ToolVisibility.Public).Id,
            $"{ToolSearchSource.FacetKey(vocabulary.Key)}={facet.Slug}", organizerEmail);
    }

    private static async Task SaveAsync(PortalDbContext db)
    {
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    private static string Phrase(Random random, int words) =>
        string.Join(' ', Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)]));

    private static string Paragraphs(Random random, int count, int words) =>
        string.Join("\n\n", Enumerable.Range(0, count).Select(_ => Phrase(random, words) is var p ? char.ToUpperInvariant(p[0]) + p[1..] + "." : ""));
}
