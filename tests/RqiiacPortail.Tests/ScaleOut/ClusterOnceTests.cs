using System.Net;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Infrastructure.Background;
using RqiiacPortail.Web.Infrastructure.Events;
using RqiiacPortail.Web.Infrastructure.Mail;
using RqiiacPortail.Web.Modules.Notifications;
using RqiiacPortail.Web.Modules.Notifications.Contracts;

namespace RqiiacPortail.Tests.ScaleOut;

/// <summary>
/// A member's digest is due when two hosts start at the same moment: both pass their notification job at once,
/// one takes the minute and one digest goes out.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterDigestTests(ClusterDigestTests.DigestDue cluster) : IClassFixture<ClusterDigestTests.DigestDue>
{
    public sealed class DigestDue : Cluster
    {
        public string Email { get; private set; } = "";
        public string UserId { get; private set; } = "";

        protected override async Task StartAsync()
        {
            // The first start writes the database; then, with no host running, a member's digest becomes due.
            await (await StartHostAsync(1)).DisposeAsync();
            await using (var db = Db())
            {
                var (id, email) = (await ClusterMembers.AddAsync(db, 1, "resume-" + Guid.NewGuid().ToString("N")[..6]))[0];
                (UserId, Email) = (id, email);
                var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Toronto");
                var now = DateTimeOffset.UtcNow;
                db.Add(new DigestSchedule { UserId = id, Hour = TimeZoneInfo.ConvertTime(now, zone).Hour });
                db.Add(new Notification
                {
                    UserId = id, Kind = NotificationsModule.Announcement.Key, Title = "Assemblée générale annuelle le 12 juin", Link = "/",
                    Delivery = Delivery.Digest, RaisedBy = "essai", CreatedAt = now.AddHours(-3), PushedAt = now.AddHours(-3),
                });
                await db.SaveChangesAsync();
                // The first start took this minute's periods: as if it had been the minute before.
                await db.Set<JobRun>().ExecuteDeleteAsync();
            }
            var both = await Task.WhenAll(StartHostAsync(1), StartHostAsync(2));
            (One, Two) = (both[0], both[1]);
        }
    }

    [Fact]
    public async Task TwoHostsPassingAtTheSameMoment_SendOneDigest()
    {
        var digest = await Mailbox.WaitForAsync(cluster.Email);
        Assert.Contains("Assemblée générale annuelle le 12 juin", digest.TextBody);

        // Both hosts have passed by now (each runs its job as it starts); a second digest would be a row already.
        var periods = await cluster.WithDbAsync(db => db.Set<JobRun>().Where(r => r.Job == nameof(NotificationJobs)).ToListAsync());
        Assert.NotEmpty(periods);
        Assert.Single(await cluster.WithDbAsync(db => db.Set<OutboxMail>().Where(m => m.To == cluster.Email).ToListAsync()));
        Assert.Single(await cluster.WithDbAsync(db => db.Set<DigestClaim>().Where(c => c.UserId == cluster.UserId).ToListAsync()));
        Assert.Single(Mailbox.All(cluster.Email));
    }
}

/// <summary>
/// The host handling an announcement to the whole network is killed in the middle of it: the other takes the event
/// over when its lease ends and finishes it from the last batch saved. Nobody is left out, nobody is told twice,
/// and the members who asked for an e-mail get one.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterFailoverTests(ClusterFailoverTests.Network cluster) : IClassFixture<ClusterFailoverTests.Network>
{
    public sealed class Network : Cluster
    {
        /// <summary>
        /// Small batches and short leases: a fan-out of many transactions, and the events and messages the killed
        /// host held taken over within seconds (five minutes by default for mail).
        /// </summary>
        protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
            [new("Events__BatchSize", "10"), new("Events__Lease", "00:00:05"), new("Events__PollInterval", "00:00:00.500"), new("Mail__Lease", "00:00:05")];
    }

    [Fact]
    public async Task KillingTheHostInTheMiddleOfAFanOut_LosesNothing_AndSendsNothingTwice()
    {
        var prefix = "annonce-" + Guid.NewGuid().ToString("N")[..6];
        List<(string Id, string Email)> members;
        await using (var db = cluster.Db())
        {
            members = await ClusterMembers.AddAsync(db, 1500, prefix);
            foreach (var (id, _) in members.Take(20))
                db.Add(new NotificationPreference { UserId = id, Kind = NotificationsModule.Announcement.Key, Delivery = Delivery.Email });
            await db.SaveChangesAsync();
        }
        var audience = await cluster.WithDbAsync(db => db.Users.CountAsync(u => u.Status == RqiiacPortail.Web.Modules.Members.MembershipStatus.Approved));

        await using var admin = await LiveMember.SignInAsync(cluster.Proxy.Url, cluster.SampleAccounts()["admin@exemple.rqiiac.qc.ca"]);
        var title = $"Colloque national : les inscriptions sont ouvertes ({prefix})";
        var sent = await admin.Http.SubmitFormAsync("/admin/annonces", new Dictionary<string, string> { ["Input.Audience"] = "tous", ["Input.Title"] = title });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        // As soon as a batch is saved, the host holding the event is stopped dead.
        OutboxEvent? caught = null;
        for (var i = 0; i < 600 && caught is null; i++)
        {
            caught = await cluster.WithDbAsync(db => db.Set<OutboxEvent>().AsNoTracking()
                .FirstOrDefaultAsync(e => e.Type == "AnnouncementMade" && e.Progress != null && e.HandledAt == null));
            if (caught is null) await Task.Delay(20);
        }
        Assert.NotNull(caught);
        var victim = caught.LockedBy == cluster.One.InstanceName ? cluster.One : caught.LockedBy == cluster.Two.InstanceName ? cluster.Two
            : throw new InvalidOperationException($"The event is held by « {caught.LockedBy} », neither host.");
        await victim.KillAsync();
        var survivor = victim == cluster.One ? cluster.Two : cluster.One;
        Assert.Null((await cluster.WithDbAsync(db => db.Set<OutboxEvent>().AsNoTracking().SingleAsync(e => e.Id == caught.Id))).HandledAt);

        OutboxEvent? done = null;
        for (var i = 0; i < 300 && done?.HandledAt is null; i++)
        {
            await Task.Delay(200);
            done = await cluster.WithDbAsync(db => db.Set<OutboxEvent>().AsNoTracking().SingleAsync(e => e.Id == caught.Id));
        }
        Assert.NotNull(done!.HandledAt);
        Assert.Equal(survivor.InstanceName, done.LockedBy);

        var told = await cluster.WithDbAsync(db => db.Set<Notification>().Where(n => n.Title == title)
            .GroupBy(n => n.UserId).Select(g => g.Count()).ToListAsync());
        Assert.Equal(audience, told.Count);
        Assert.All(told, count => Assert.Equal(1, count));

        // The e-mails were written with their batch: one row each, sent once (an interrupted one again under its Message-ID).
        var wanted = members.Take(20).Select(m => m.Email).ToList();
        var rows = await cluster.WithDbAsync(db => db.Set<OutboxMail>().Where(m => wanted.Contains(m.To)).Select(m => m.To).ToListAsync());
        Assert.Equal(wanted.Order(), rows.Order());
        foreach (var email in wanted)
        {
            await Mailbox.WaitForAsync(email, timeoutSeconds: 40);
            Assert.Single(Mailbox.All(email).Select(m => m.MessageId).Distinct());
        }
    }
}
