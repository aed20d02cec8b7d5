using RqiiacPortail.Tests.Infrastructure;

namespace RqiiacPortail.Tests.Notifications;

/// <summary>With no Portal:PublicUrl, links in e-mails take the address the site listens on, and the log says so.</summary>
public sealed class PublicUrlTests
{
    [Fact]
    public async Task WithoutASetting_LinksUseTheAddressTheSiteListensOn_AndTheLogWarns()
    {
        var data = Directory.CreateTempSubdirectory("rqiiac-url-").FullName;
        var (smtpHost, smtpPort) = TestServices.Smtp;
        await using var site = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Portal__DataPath"] = data, ["Mail__Smtp__Host"] = smtpHost, ["Mail__Smtp__Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail__Smtp__Security"] = "None", ["Mail__PollInterval"] = "00:00:00.200",
        });
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(site.Url) };
        var email = $"adresse-{Guid.NewGuid():N}@test.rqiiac.qc.ca";
        var page = await client.GetDocumentAsync("/compte/inscription");
        var region = page.QuerySelectorAll("select[name='Input.HomeSectionId'] option").Select(o => o.GetAttribute("value")).First(v => !string.IsNullOrEmpty(v))!;

        await client.SubmitFormAsync("/compte/inscription", new Dictionary<string, string>
        {
            ["Input.FirstName"] = "Josée", ["Input.LastName"] = "Létourneau", ["Input.Email"] = email, ["Input.Password"] = "une phrase de passe solide",
            ["Input.ConfirmPassword"] = "une phrase de passe solide", ["Input.Employer"] = "CISSS", ["Input.HomeSectionId"] = region, ["Input.Consent"] = "true",
        });

        Assert.StartsWith($"{site.Url}/compte/confirmer?", Mailbox.Link(await Mailbox.WaitForAsync(email), "/compte/confirmer"));
        Assert.Contains("Portal:PublicUrl n'est pas défini", site.Output);
        try { Directory.Delete(data, recursive: true); } catch (IOException) { }
    }
}
