using System.Net;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Forum;

namespace RqiiacPortail.Tests.Forum;

/// <summary>What members do in the forum, through its forms, as a browser would.</summary>
internal static class ForumSteps
{
    /// <summary>The sample categories of the national recipe.</summary>
    public const string Practices = "pratiques-et-outils", Ethics = "ethique-et-dilemmes", Training = "releve-et-formation",
        Announcements = "annonces", LanaudiereHelp = "lanaudiere-entraide", MonteregieHelp = "monteregie-entraide";

    /// <summary>The prefix a category's pages answer under (a region's categories under the region's).</summary>
    public static string PrefixOf(string category) => category.EndsWith("-entraide", StringComparison.Ordinal) ? "/" + category[..^"-entraide".Length] : "";

    public static async Task<int> StartThreadAsync(this HttpClient client, string category, string title, string body, string? pseudonym = null,
        IDictionary<string, string>? more = null)
    {
        var response = await client.TryStartThreadAsync(category, title, body, pseudonym, more);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Thread not started: {(int)response.StatusCode} {Html.Excerpt(await response.TextAsync())}");
        return ThreadOf(response);
    }

    public static Task<HttpResponseMessage> TryStartThreadAsync(this HttpClient client, string category, string title, string body, string? pseudonym = null,
        IDictionary<string, string>? more = null)
    {
        var values = new Dictionary<string, string> { ["Input.Title"] = title, ["Input.Body"] = body };
        if (pseudonym is not null) values["Input.Pseudonym"] = pseudonym;
        foreach (var (k, v) in more ?? new Dictionary<string, string>()) values[k] = v;
        return client.SubmitFormAsync($"{PrefixOf(category)}/forum/{category}/nouveau", values);
    }

    public static int ThreadOf(HttpResponseMessage response) =>
        int.Parse(response.Headers.Location!.OriginalString.Split("/forum/sujets/")[1].Split('-', '?')[0]);

    public static int PostOf(HttpResponseMessage response) =>
        int.Parse(response.Headers.Location!.OriginalString.Split("/forum/messages/")[1].Split('/', '?')[0]);

    public static async Task<int> ReplyAsync(this HttpClient client, string prefix, int thread, string body, string? pseudonym = null, IDictionary<string, string>? more = null)
    {
        var response = await client.TryReplyAsync(prefix, thread, body, pseudonym, more);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Reply refused: {(int)response.StatusCode} {Html.Excerpt(await response.TextAsync())}");
        return PostOf(response);
    }

    public static Task<HttpResponseMessage> TryReplyAsync(this HttpClient client, string prefix, int thread, string body, string? pseudonym = null,
        IDictionary<string, string>? more = null)
    {
        var values = new Dictionary<string, string> { ["Input.Body"] = body };
        if (pseudonym is not null) values["Input.Pseudonym"] = pseudonym;
        foreach (var (k, v) in more ?? new Dictionary<string, string>()) values[k] = v;
        return client.SubmitFormAsync($"{prefix}/forum/sujets/{thread}", values, "Repondre");
    }

    /// <summary>A moderation action, from the queue's page.</summary>
    public static Task<HttpResponseMessage> ModerateAsync(this HttpClient moderator, string handler, IDictionary<string, string> values) =>
        moderator.PostWithTokenAsync($"/admin/moderation?handler={handler}", values);

    /// <summary>Posts with the antiforgery token of this person's session (what a page of the site holds).</summary>
    public static async Task<HttpResponseMessage> PostWithTokenAsync(this HttpClient client, string url, IDictionary<string, string> values)
    {
        var page = await client.GetDocumentAsync("/compte/deconnexion");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await client.PostAsync(url, new FormUrlEncodedContent(values.Append(new("__RequestVerificationToken", token))));
    }

    /// <summary>A browser of the portal signed in as this account.</summary>
    public static async Task<HttpClient> SignedInAsync(this PortalFactory factory, TestAccount account)
    {
        var client = factory.CreatePortalClient();
        await client.SignInAsync(account);
        return client;
    }

    public static Task<ForumPost> PostAsync(this PortalFactory factory, int id) =>
        factory.WithDbAsync(db => db.Set<ForumPost>().AsNoTracking().SingleAsync(p => p.Id == id));

    public static Task<ForumThread> ThreadAsync(this PortalFactory factory, int id) =>
        factory.WithDbAsync(db => db.Set<ForumThread>().IgnoreQueryFilters().AsNoTracking().SingleAsync(t => t.Id == id));

    /// <summary>
    /// Makes a member one in good standing in a thread's section: past its first-posts rule, with posts approved
    /// (written straight to the database, as if moderators had approved them long ago).
    /// </summary>
    public static Task EstablishAsync(this PortalFactory factory, TestAccount account, int threadId, int posts = ForumSectionSettings.DefaultFirstPostsToModerate) =>
        factory.WithDbAsync(db =>
        {
            for (var i = 0; i < posts; i++)
                db.Add(new ForumPost { ThreadId = threadId, AuthorId = account.UserId, Body = $"Message ancien {i}.", Status = PostStatus.Published, CreatedAt = DateTimeOffset.UtcNow.AddDays(-30) });
            return db.SaveChangesAsync();
        });

    /// <summary>How many of a new member's posts wait for approval in a section (the national one: <c>national</c>).</summary>
    public static async Task SetFirstPostsToModerateAsync(this PortalFactory factory, string section, int count)
    {
        var id = (await factory.SectionAsync(section)).Id;
        await factory.WithDbAsync(async db =>
        {
            var settings = await db.Set<ForumSectionSettings>().FindAsync(id);
            if (settings is null) db.Add(new ForumSectionSettings { SectionId = id, FirstPostsToModerate = count });
            else settings.FirstPostsToModerate = count;
            return await db.SaveChangesAsync();
        });
    }
}
