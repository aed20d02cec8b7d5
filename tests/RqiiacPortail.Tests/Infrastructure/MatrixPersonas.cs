namespace RqiiacPortail.Tests.Infrastructure;

/// <summary>
/// What a module's authorization matrix keeps: one browser per persona (anonymous, or signed in with its own
/// antiforgery token), the placeholders its paths name, and the check of one cell of the matrix.
/// </summary>
public abstract class MatrixPersonas
{
    /// <summary>A 302 to the sign-in page (any other 302 is a plain redirect).</summary>
    public const int SignIn = 1302;

    public Dictionary<string, HttpClient> Clients { get; } = [];
    public Dictionary<string, string> Tokens { get; } = [];
    protected Dictionary<string, string> Placeholders { get; } = [];

    protected async Task SignInAsync(PortalFactory factory, string anonymous, IReadOnlyDictionary<string, TestAccount> accounts)
    {
        Clients[anonymous] = factory.CreatePortalClient();
        foreach (var (persona, account) in accounts)
        {
            var client = factory.CreatePortalClient();
            await client.SignInAsync(account);
            Clients[persona] = client;
            Tokens[persona] = (await client.GetDocumentAsync("/compte/deconnexion")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        }
    }

    public string Resolve(string path) => Placeholders.Aggregate(path, (p, kv) => p.Replace(kv.Key, kv.Value));

    /// <summary>
    /// GETs the path, or posts it with this person's real token and nothing else (so an allowed person meets the
    /// form's validation, 422, and nothing changes), and checks the status.
    /// </summary>
    public async Task AssertAsync(string persona, string method, string path, int expected)
    {
        var client = Clients[persona];
        var url = Resolve(path);
        var response = method == "GET"
            ? await client.GetAsync(url)
            : await client.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", Tokens.GetValueOrDefault(persona, ""))]));

        var status = expected == SignIn ? 302 : expected;
        Assert.True((int)response.StatusCode == status, $"{persona} {method} {url}: expected {status}, got {(int)response.StatusCode}");
        if (expected == SignIn) Assert.Contains("/compte/connexion", response.Headers.Location!.OriginalString);
        if (expected == 302) Assert.DoesNotContain("/compte/connexion", response.Headers.Location!.OriginalString);
    }
}

/// <summary>
/// A matrix's rows: one line per page or action, one expected status per kind of person, in the order of the
/// columns given once (<c>new MatrixRows(Anonymous, Member, …)</c>), each expanded to a theory case per person.
/// </summary>
public sealed class MatrixRows(params string[] personas) : TheoryData<string, string, string, int>
{
    public void Row(string method, string path, params int[] expected)
    {
        if (expected.Length != personas.Length)
            throw new ArgumentException($"{method} {path}: {expected.Length} statuses for {personas.Length} kinds of person.", nameof(expected));
        for (var i = 0; i < personas.Length; i++) Add(personas[i], method, path, expected[i]);
    }
}
