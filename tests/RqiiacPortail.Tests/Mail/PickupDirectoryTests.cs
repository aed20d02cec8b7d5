using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Mail;

namespace RqiiacPortail.Tests.Mail;

/// <summary>Without SMTP settings (the default set-up), mail becomes .eml files under App_Data.</summary>
public sealed class PickupDirectoryTests(PickupDirectoryTests.NoSmtpFactory factory) : IClassFixture<PickupDirectoryTests.NoSmtpFactory>
{
    public sealed class NoSmtpFactory : SqlitePortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("Mail:Smtp:Host", "")];
    }

    [Fact]
    public async Task WithoutSmtp_MessagesAreWrittenAsEmlFiles()
    {
        await using (var scope = factory.Started().Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<IMailOutbox>().Enqueue(new MailDraft("lecteur@test.rqiiac.qc.ca", null, "Fichier .eml",
                new MailBody("Bonjour").Paragraph("Écrit sur le disque.").Render()));
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SaveChangesAsync();
        }

        var folder = Path.Combine(factory.DataPath, "courriels");
        string? file = null;
        for (var i = 0; i < 100 && file is null; i++)
        {
            await Task.Delay(100);
            file = Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.eml").FirstOrDefault() : null;
        }

        Assert.NotNull(file);
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("Fichier .eml", message.Subject);
        Assert.Contains("Écrit sur le disque.", message.TextBody);
    }
}
