using System.Net;

namespace RqiiacPortail.Tests.Infrastructure;

public static class Accounts
{
    /// <summary>Signs in through the real form; the client keeps the cookie.</summary>
    public static async Task SignInAsync(this HttpClient client, TestAccount account, string prefix = "")
    {
        var response = await client.SubmitFormAsync($"{prefix}/compte/connexion",
            new Dictionary<string, string> { ["Input.Email"] = account.Email, ["Input.Password"] = account.Password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in failed: {(int)response.StatusCode}\n{Html.Excerpt(await response.BodyAsync())}");
    }
}
