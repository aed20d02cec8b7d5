using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure;
using RqiiacPortail.Web.Infrastructure.Recipes;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Members;

/// <summary>
/// <c>{"name": "sample-accounts", "accounts": [...]}</c>: approved accounts for trying the site. Created only
/// when <c>Portal:CreateSampleAccounts</c> is on (the development set-up); each gets a fresh random password,
/// written with the address to <c>App_Data/comptes-exemple.txt</c>.
/// </summary>
public sealed class SampleAccountsRecipeStep(
    UserManager<PortalUser> users,
    RoleManager<IdentityRole> roleManager,
    PortalDbContext db,
    ISectionLookup sections,
    IOptions<PortalOptions> options,
    TimeProvider clock,
    ILogger<SampleAccountsRecipeStep> logger) : IRecipeStep
{
    public string Name => "sample-accounts";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken ct)
    {
        var accounts = context.Step.Array("accounts").ToList();
        if (!options.Value.CreateSampleAccounts)
        {
            logger.LogInformation("Comptes d'exemple non créés (Portal:CreateSampleAccounts est désactivé).");
            return;
        }

        var written = new StringBuilder("# Comptes d'exemple du portail (développement seulement)\n# courriel\tmot de passe\trôles\n");
        foreach (var a in accounts)
        {
            var email = a.String("email", 256);
            var home = await SectionAsync(a, "homeSection", a.String("homeSection", 8), ct);
            if (await users.FindByEmailAsync(email) is not null) continue;

            var password = NewPassword();
            var user = new PortalUser
            {
                UserName = email.Split('@')[0].ToLowerInvariant(),
                Email = email,
                EmailConfirmed = true,
                FirstName = a.String("firstName", 100),
                LastName = a.String("lastName", 100),
                Employer = a.OptionalString("employer", 200),
                Territory = a.OptionalString("territory", 200),
                HomeSectionId = home.Id,
                Status = MembershipStatus.Approved,
                CreatedAt = clock.GetUtcNow(),
                PrivacyConsentAt = clock.GetUtcNow(),
            };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded) throw a.Fail("email", string.Join(" ", result.Errors.Select(e => e.Description)));

            var granted = new List<string>();
            db.Add(new SectionRole { UserId = user.Id, SectionId = home.Id, Role = Roles.Member, GrantedAt = clock.GetUtcNow() });
            foreach (var grant in a.Array("sectionRoles", required: false))
            {
                var role = grant.String("role", 40);
                if (!Roles.SectionRoles.Contains(role)) throw grant.Fail("role", $"rôle inconnu « {role} » (rôles de section : {string.Join(", ", Roles.SectionRoles)}).");
                var section = await SectionAsync(grant, "section", grant.String("section", 8), ct);
                if (role != Roles.Member || section.Id != home.Id)
                    db.Add(new SectionRole { UserId = user.Id, SectionId = section.Id, Role = role, GrantedAt = clock.GetUtcNow() });
                granted.Add($"{role}@{section.Slug}");
            }
            foreach (var (role, i) in a.Strings("nationalRoles", 40).Select((r, i) => (r, i)))
            {
                if (!Roles.NationalRoles.Contains(role)) throw a.Fail($"nationalRoles[{i}]", $"rôle national inconnu « {role} ».");
                if (!await roleManager.RoleExistsAsync(role)) await roleManager.CreateAsync(new IdentityRole(role));
                await users.AddToRoleAsync(user, role);
                granted.Add(role);
            }
            written.Append(email).Append('\t').Append(password).Append('\t').Append(string.Join(", ", granted)).Append('\n');
        }

        Directory.CreateDirectory(options.Value.DataPath);
        var file = Path.Combine(options.Value.DataPath, "comptes-exemple.txt");
        await File.AppendAllTextAsync(file, written.ToString(), ct);
        logger.LogWarning("Comptes d'exemple créés ; mots de passe écrits dans {File}.", file);
    }

    private async Task<SectionInfo> SectionAsync(RecipeReader item, string field, string code, CancellationToken ct) =>
        await sections.FindByCodeAsync(code, ct) ?? throw item.Fail(field, $"aucune section n'a le code « {code} ».");

    private static string NewPassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return "Rq-" + RandomNumberGenerator.GetString(alphabet, 14);
    }
}
