using System.Net;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Members;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Notifications;

namespace RqiiacPortail.Tests.Members;

/// <summary>
/// A role and the member's notice of it are one unit of work (issue 11): when the notice cannot be saved, the
/// role is not given either, nationally or in a section.
/// </summary>
public abstract class RoleGrantTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PortalFactory, IFailingSite
{
    private async Task<HttpClient> AdministratorAsync()
    {
        var client = factory.CreatePortalClient();
        await client.SignInAsync(await factory.CreateMemberAsync("capitale-nationale", [], [Roles.Administrator]));
        return client;
    }

    [Fact]
    public async Task ANationalRole_IsNotGiven_WhenItsNoticeCannotBeSaved()
    {
        var admin = await AdministratorAsync();
        var member = await factory.CreateMemberAsync("estrie");

        factory.Failing.FailNext("INSERT INTO \"Notifications\"");
        var response = await admin.SubmitFormAsync($"/admin/membres/{member.UserId}", new Dictionary<string, string> { ["national"] = Roles.Board }, handler: "National");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.UserRoles.AnyAsync(r => r.UserId == member.UserId)));

        // Once the database answers again, the same form gives the role and tells the member.
        var again = await admin.SubmitFormAsync($"/admin/membres/{member.UserId}", new Dictionary<string, string> { ["national"] = Roles.Board }, handler: "National");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.UserRoles.AnyAsync(r => r.UserId == member.UserId)));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Set<Notification>().CountAsync(n => n.UserId == member.UserId)));
    }

    [Fact]
    public async Task ASectionRole_IsNotGiven_WhenItsNoticeCannotBeSaved_AndTwoGrantsAtOnceMakeOne()
    {
        var admin = await AdministratorAsync();
        var member = await factory.CreateMemberAsync("estrie");
        var estrie = await factory.SectionAsync("estrie");
        var fields = new Dictionary<string, string> { ["Grant.SectionId"] = estrie.Id.ToString(), ["Grant.Role"] = Roles.Moderator };

        factory.Failing.FailNext("INSERT INTO \"Notifications\"");
        Assert.Equal(HttpStatusCode.InternalServerError, (await admin.SubmitFormAsync($"/admin/membres/{member.UserId}", fields, handler: "Attribuer")).StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Set<SectionRole>().AnyAsync(r => r.UserId == member.UserId && r.Role == Roles.Moderator)));

        var both = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => admin.SubmitFormAsync($"/admin/membres/{member.UserId}", fields, handler: "Attribuer")));
        Assert.All(both, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Set<SectionRole>().CountAsync(r => r.UserId == member.UserId && r.Role == Roles.Moderator)));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Set<Notification>().CountAsync(n => n.UserId == member.UserId)));
    }
}

public sealed class SqliteRoleGrantTests(SqliteFailingSite factory) : RoleGrantTests<SqliteFailingSite>(factory);

[Collection(PostgresCollection.Name)]
public sealed class PostgresRoleGrantTests(PostgresFailingSite factory) : RoleGrantTests<PostgresFailingSite>(factory);
