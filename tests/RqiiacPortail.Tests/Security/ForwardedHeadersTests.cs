using System.Net;
using RqiiacPortail.Tests.Infrastructure;

namespace RqiiacPortail.Tests.Security;

/// <summary>
/// Over a real loopback connection, where the site once believed X-Forwarded-For from any loopback or private
/// address: rotating the header gave each attempt a fresh rate-limit budget.
/// </summary>
public sealed class ForwardedHeadersTests(ForwardedHeadersTests.StrictKestrelFactory factory) : IClassFixture<ForwardedHeadersTests.StrictKestrelFactory>
{
    public sealed class StrictKestrelFactory : KestrelPortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("RateLimits:SignInPerMinute", "3")];
    }

    [Fact]
    public async Task RotatingXForwardedFor_DoesNotEscapeTheSignInLimit_WithoutATrustedProxy()
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = new Uri(factory.BaseUrl) };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            client.DefaultRequestHeaders.Remove("X-Forwarded-For");
            client.DefaultRequestHeaders.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            var response = await client.SubmitFormAsync("/compte/connexion", new Dictionary<string, string>
            {
                ["Input.Email"] = "personne@test.rqiiac.qc.ca", ["Input.Password"] = "essai " + i,
            });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal((HttpStatusCode)429, statuses[3]);
        Assert.Equal((HttpStatusCode)429, statuses[4]);
    }
}
