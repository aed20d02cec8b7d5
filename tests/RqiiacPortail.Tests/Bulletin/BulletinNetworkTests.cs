using System.Net;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Tests.Forum;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Tools;

namespace RqiiacPortail.Tests.Bulletin;

/// <summary>
/// « Dans le réseau »: filled from what is new on the portal since the previous issue (what a visitor may open, never
/// a members-only tool or thread: the bulletin is public), reordered and pruned by the board, shown on the issue's
/// page and in its e-mail; a line that leads off the portal is refused.
/// </summary>
public abstract class BulletinNetworkTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    private async Task<string> ToolAsync(string title, ToolVisibility visibility)
    {
        var lanaudiere = await factory.SectionAsync("lanaudiere");
        var author = await factory.CreateMemberAsync("lanaudiere");
        return await factory.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var tool = new Tool
            {
                Title = title, Summary = "Un outil d'essai.", Licence = "cc-by-4.0", CreatedById = author.UserId, SectionId = lanaudiere.Id,
                Status = ToolStatus.Published, Visibility = visibility, CreatedAt = now, UpdatedAt = now, PublishedAt = now,
            };
            db.Add(tool);
            await db.SaveChangesAsync();
            return title;
        });
    }

    [Fact]
    public async Task TheBoardFillsItWithWhatIsNew_ForVisitorsOnly_ReordersAndDropsLines_AndReadersFindItInThePageAndTheEmail()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var open = await ToolAsync($"Grille ouverte {tag}", ToolVisibility.Public);
        var closed = await ToolAsync($"Grille réservée {tag}", ToolVisibility.Members);
        var member = await factory.SignedInAsync(await factory.CreateMemberAsync("lanaudiere"));
        var threads = new[]
        {
            await member.StartThreadAsync(ForumSteps.Practices, $"Discussion publique {tag}", "Un message."),
            await member.StartThreadAsync("lanaudiere-entraide", $"Entraide réservée {tag}", "Un message entre membres."),
        };
        // A newcomer's first threads wait for a moderator: approved here, as one would.
        await factory.WithDbAsync(db => db.Set<RqiiacPortail.Web.Modules.Forum.ForumThread>().AcrossSections().Where(t => threads.Contains(t.Id))
            .ExecuteUpdateAsync(x => x.SetProperty(t => t.Status, RqiiacPortail.Web.Modules.Forum.ThreadStatus.Published)));
        var (board, _) = await factory.BoardAsync();
        var number = BulletinSteps.FreshNumber();
        var form = BulletinSteps.IssueForm(number, "Numéro du réseau", "Texte.");
        form["Input.IssuedOn"] = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var filled = await board.PostWithTokenAsync("/bulletin/rediger?handler=Reseau", form);

        Assert.Equal(HttpStatusCode.OK, filled.StatusCode);
        var page = await filled.DocumentAsync();
        Assert.Equal("Texte.", page.QuerySelector("#Input_Cover")!.TextContent); // what was typed is still there
        var rows = page.QuerySelectorAll(".network-row").Select(r => (
            Title: r.QuerySelector("input[type=text]")!.GetAttribute("value")!,
            Prefix: r.QuerySelector("input[type=text]")!.GetAttribute("name")![..^".Title".Length])).ToList();
        Assert.Contains(rows, r => r.Title == open);
        Assert.Contains(rows, r => r.Title == $"Discussion publique {tag}");
        Assert.DoesNotContain(rows, r => r.Title == closed);
        Assert.DoesNotContain(rows, r => r.Title == $"Entraide réservée {tag}");

        // The board puts the thread first and drops every other line but the open tool.
        var save = page.QuerySelectorAll("main form input").OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Where(i => i.Name is { } n && n.StartsWith("Input.", StringComparison.Ordinal) && i.Type != "checkbox")
            .ToDictionary(i => i.Name!, i => i.Value);
        foreach (var key in new[] { "Input.Number", "Input.Title", "Input.IssuedOn" }) save[key] = form[key];
        save["Input.Cover"] = "Texte.";
        foreach (var (title, prefix) in rows)
        {
            if (title == $"Discussion publique {tag}") save[$"{prefix}.Position"] = "1";
            else if (title == open) save[$"{prefix}.Position"] = "2";
            else save[$"{prefix}.Remove"] = "true";
        }
        var saved = await board.PostWithTokenAsync("/bulletin/rediger", save);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var issue = await board.GetDocumentAsync($"/bulletin/{number}");
        Assert.Equal([$"Discussion publique {tag}", open], issue.QuerySelectorAll(".network-list a").Select(a => a.TextContent.Trim()));
        Assert.StartsWith("/forum/sujets/", issue.QuerySelector(".network-list a")!.GetAttribute("href"));
        var mail = (await board.GetStringAsync($"/bulletin/{number}/apercu?handler=Courriel"));
        Assert.Contains("Dans le réseau", mail);
        Assert.Contains("href=\"http://localhost:5080/forum/sujets/", mail);
        Assert.Contains($"Discussion : Discussion publique {tag} <http://localhost:5080/forum/sujets/", (await board.GetDocumentAsync($"/bulletin/{number}/apercu")).QuerySelector("main pre")!.TextContent);
    }

    [Theory]
    [InlineData("https://ailleurs.example/piege")]
    [InlineData("//ailleurs.example/piege")]
    [InlineData("/\\ailleurs.example")]
    [InlineData("javascript:alert(1)")]
    public async Task ALineLeadingOffThePortal_IsRefused(string path)
    {
        var (board, _) = await factory.BoardAsync();
        var form = BulletinSteps.IssueForm(BulletinSteps.FreshNumber(), "Numéro piégé", "Texte.");
        form["Input.Network[0].Kind"] = "Outil";
        form["Input.Network[0].Title"] = "Un lien";
        form["Input.Network[0].Path"] = path;

        var response = await board.SubmitFormAsync("/bulletin/rediger", form);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("ne mène pas à une page du portail", await response.TextAsync());
    }
}

public sealed class SqliteBulletinNetworkTests(SqlitePortalFactory factory) : BulletinNetworkTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresBulletinNetworkTests(PostgresPortalFactory factory) : BulletinNetworkTests<PostgresPortalFactory>(factory);
