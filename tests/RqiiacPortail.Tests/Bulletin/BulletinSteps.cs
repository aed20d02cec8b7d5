using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Tests.Forum;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Bulletin;
using RqiiacPortail.Web.Modules.Bulletin.Sending;
using RqiiacPortail.Web.Modules.Bulletin.Subscriptions;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.Tests.Bulletin;

/// <summary>What the bulletin's tests do again and again: a board member, subscribers, an issue written through the form.</summary>
public static class BulletinSteps
{
    public static string Address(string kind) => $"{kind}-{Guid.NewGuid():N}@abonnes.exemple.org";

    /// <summary>A number no other test took (the recipe's issues are 41 to 43).</summary>
    public static int FreshNumber() => Random.Shared.Next(1_000, 99_999);

    public static async Task<(HttpClient Client, TestAccount Account)> BoardAsync(this PortalFactory factory)
    {
        var account = await factory.CreateMemberAsync("lanaudiere", [], [Roles.Board]);
        return (await factory.SignedInAsync(account), account);
    }

    /// <summary>Confirmed subscribers, as the double opt-in leaves them (written directly: the opt-in has its own tests).</summary>
    public static Task SubscribersAsync(this PortalFactory factory, IEnumerable<string> emails, SubscriberState state = SubscriberState.Confirmed) =>
        factory.WithDbAsync(db =>
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var email in emails)
                db.Add(new BulletinSubscriber
                {
                    Email = email, State = state, ConfirmedAt = state == SubscriberState.Confirmed ? now : null, CreatedAt = now,
                    ConfirmationSentAt = state == SubscriberState.Pending ? now : null, UnsubscribeCode = Guid.NewGuid().ToString("N"),
                });
            return db.SaveChangesAsync();
        });

    public static IDictionary<string, string> IssueForm(int number, string title, string cover = "", params (string Title, string Body)[] articles)
    {
        var form = new Dictionary<string, string>
        {
            ["Input.Number"] = number.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.Title"] = title,
            ["Input.IssuedOn"] = "2026-12-15", ["Input.Cover"] = cover,
        };
        foreach (var (a, i) in articles.Select((a, i) => (a, i)))
        {
            form[$"Input.Articles[{i}].Title"] = a.Title;
            form[$"Input.Articles[{i}].Body"] = a.Body;
        }
        return form;
    }

    public static Task<BulletinIssue> IssueAsync(this PortalFactory factory, int number) =>
        factory.WithDbAsync(db => db.Set<BulletinIssue>().AsNoTracking().SingleAsync(i => i.Number == number));

    public static Task<List<BulletinDelivery>> DeliveriesAsync(this PortalFactory factory, int issueId) =>
        factory.WithDbAsync(db => db.Set<BulletinDelivery>().AsNoTracking().Where(d => d.IssueId == issueId).ToListAsync());

    /// <summary>How many addresses an issue published now goes to (confirmed, consent not run out).</summary>
    public static Task<int> ConfirmedCountAsync(this PortalFactory factory) =>
        factory.WithDbAsync(db => BulletinSubscriptions.Receiving(db, DateTimeOffset.UtcNow).CountAsync());
}
