using System.Net;
using RqiiacPortail.Tests.Infrastructure;

namespace RqiiacPortail.Tests.Security;

public sealed class RateLimitTests(RateLimitTests.StrictFactory factory) : IClassFixture<RateLimitTests.StrictFactory>
{
    public sealed class StrictFactory : SqlitePortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("RateLimits:SignInPerMinute", "3")];
    }

    [Fact]
    public async Task SignInAttempts_AreLimitedPerClient_ButReadingThePageIsNot()
    {
        var client = factory.CreatePortalClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var response = await client.SubmitFormAsync("/compte/connexion", new Dictionary<string, string>
            {
                ["Input.Email"] = "quelquun@test.rqiiac.qc.ca", ["Input.Password"] = "essai numéro " + i,
            });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity,
            (HttpStatusCode)429, (HttpStatusCode)429], statuses);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/compte/connexion")).StatusCode);
    }
}
