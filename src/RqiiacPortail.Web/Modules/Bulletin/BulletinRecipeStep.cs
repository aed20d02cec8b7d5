using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Recipes;

namespace RqiiacPortail.Web.Modules.Bulletin;

/// <summary>
/// <c>{"name": "bulletin", "issues": [{"number": 41, "title": …, "issuedOn": "2026-06-15", "cover": …, "draft": false,
/// "articles": [{"title": …, "body": …}]}]}</c>: past issues of the bulletin (Markdown in the cover and the bodies).
/// An issue whose number exists is left alone: applying the recipe again adds nothing. <c>"subscribers": [{"email": …,
/// "membershipEnded": "2025-03-31"}]</c> adds confirmed subscribers (sample addresses: their consent says it came from
/// the recipe); with <c>membershipEnded</c>, a consent implied by a membership that ended that day (it lapses two years
/// later), as a former members' list brought in would have.
/// </summary>
internal sealed class BulletinRecipeStep(PortalDbContext db, Search.Contracts.IIndexQueue index, TimeProvider clock) : IRecipeStep
{
    public string Name => "bulletin";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var item in context.Step.Array("issues"))
        {
            var number = (int)item.Number("number", 0, 1, 100_000);
            if (number == 0) throw item.Fail("number", "le numéro du bulletin est requis.");
            if (await db.Set<BulletinIssue>().AnyAsync(i => i.Number == number, ct)) continue;
            var date = item.String("issuedOn", 10);
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", out var issuedOn)) throw item.Fail("issuedOn", $"« {date} » n'est pas une date AAAA-MM-JJ.");
            var draft = item.Bool("draft", false);
            var issue = new BulletinIssue
            {
                Number = number, Title = item.String("title", BulletinIssue.TitleLength), IssuedOn = issuedOn,
                Cover = item.OptionalMarkdown("cover", BulletinIssue.CoverLength) ?? "",
                State = draft ? IssueState.Draft : IssueState.Published, PublishedAt = draft ? null : now, CreatedAt = now, UpdatedAt = now,
            };
            var position = 0;
            foreach (var article in item.Array("articles", required: false))
                issue.Articles.Add(new BulletinArticle
                {
                    Position = position++, Title = article.String("title", BulletinArticle.TitleLength),
                    Body = article.OptionalMarkdown("body", BulletinArticle.BodyLength) ?? "",
                });
            db.Add(issue);
            await db.SaveChangesAsync(ct);
            if (!draft) index.Enqueue(BulletinSearchSource.SearchType, issue.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        foreach (var item in context.Step.Array("subscribers", required: false))
        {
            var email = Subscriptions.BulletinSubscriptions.Normalize(item.String("email", Subscriptions.BulletinSubscriber.EmailLength));
            if (!Infrastructure.Text.MailAddressAttribute.IsPlainAddress(email)) throw item.Fail("email", $"« {email} » n'est pas une adresse courriel.");
            if (!await db.InsertIfMissingAsync(new Subscriptions.BulletinSubscriber
                {
                    Email = email, State = Subscriptions.SubscriberState.Confirmed, ConfirmedAt = now, CreatedAt = now,
                    UnsubscribeCode = Subscriptions.BulletinSubscriptions.NewSecret(),
                }, ct)) continue;
            var id = await db.Set<Subscriptions.BulletinSubscriber>().Where(s => s.Email == email).Select(s => s.Id).FirstAsync(ct);
            var ended = item.OptionalString("membershipEnded", 10);
            DateOnly? endedOn = null;
            if (ended is { Length: > 0 })
                endedOn = DateOnly.TryParseExact(ended, "yyyy-MM-dd", out var day) ? day : throw item.Fail("membershipEnded", $"« {ended} » n'est pas une date AAAA-MM-JJ.");
            db.Add(new Subscriptions.BulletinConsent
            {
                SubscriberId = id, Basis = endedOn is null ? Subscriptions.ConsentBasis.Express : Subscriptions.ConsentBasis.ImpliedByMembership,
                How = endedOn is null ? "Recette du site (adresse d'exemple)" : "Recette du site : ancienne liste des membres (consentement tacite)",
                NoticeVersion = Subscriptions.ConsentNotice.Version, AskedAt = now, ConfirmedAt = now,
                EndsAt = endedOn is { } d ? Infrastructure.Text.FrenchText.StartOfDay(d) + Subscriptions.BulletinConsents.ImpliedLasts : null,
            });
        }
        await db.SaveChangesAsync(ct);
    }
}
