using RqiiacPortail.Web.Modules.Members.Contracts;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RqiiacPortail.Web.Infrastructure;
using RqiiacPortail.Web.Modules.Search;
using RqiiacPortail.Web.Modules.Search.Contracts;

namespace RqiiacPortail.Benchmarks;

/// <summary>
/// Indexes N generated tool-like French documents with the portal's own index and analysis, then times ten
/// representative queries (with the visibility filter, facet counting and snippets) many times each.
/// </summary>
internal static class SearchBenchmark
{
    private static readonly string[] Fields = ["logement", "sécurité alimentaire", "santé mentale", "toxicomanie", "petite enfance", "famille", "aînés",
        "transport", "pauvreté", "revitalisation urbaine", "ruralité", "immigration", "environnement", "économie sociale", "persévérance scolaire"];
    private static readonly string[] Approaches = ["action-sociale", "developpement-des-communautes", "approche-socio-institutionnelle", "approche-sociocommunautaire"];
    private static readonly string[] Kinds = ["grille", "guide", "trousse", "portrait", "bilan", "fiche", "formation", "plan d'action", "calendrier", "carte"];
    private static readonly string[] Verbs = ["animer", "mobiliser", "documenter", "évaluer", "concerter", "accompagner", "soutenir", "organiser", "sensibiliser", "rédiger"];
    private static readonly string[] Words = ("les organismes communautaires du territoire se sont réunis pour nommer les enjeux du quartier et préparer un plan " +
        "d'action concerté avec les citoyennes et les citoyens la démarche a permis de mieux connaître les ressources existantes de créer des liens " +
        "entre les partenaires et de mobiliser les personnes touchées par la pauvreté l'organisatrice communautaire a soutenu le comité dans l'analyse " +
        "du milieu la rédaction du portrait et l'animation des rencontres la table de concertation a retenu trois priorités l'accès au logement " +
        "abordable la sécurité alimentaire et le transport collectif en milieu rural").Split(' ');

    private static readonly (string Text, Dictionary<string, string> Filters)[] Queries =
    [
        ("sécurité alimentaire", []),
        ("logements", []),
        ("\"analyse du milieu\"", []),
        ("concertation -transport", []),
        ("l'organisme communautaire", new() { ["approche"] = "action-sociale" }),
        ("grille d'animation", new() { ["section"] = "14" }),
        ("aînés transport collectif", []),
        ("mobiliser citoyens pauvreté", new() { ["approche"] = "developpement-des-communautes" }),
        ("santé mentale", new() { ["section"] = "6" }),
        ("plan action persévérance scolaire", []),
    ];

    public static async Task<int> RunAsync(int count)
    {
        var data = Directory.CreateTempSubdirectory("rqiiac-bench-search-").FullName;
        Console.WriteLine($"Search: {count:N0} generated French documents, ten queries with facets.");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}");
        using var index = new SearchIndex(Options.Create(new PortalOptions { DataPath = data }), Options.Create(new SearchOptions()), NullLogger<SearchIndex>.Instance);
        index.Open();

        var documents = Generate(count).ToList();
        var clock = Stopwatch.StartNew();
        foreach (var document in documents) index.Upsert(document);
        index.Commit(count);
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"Indexed {count:N0} documents in {seconds:0.0} s: {count / seconds:N0} documents/s (one writer, commit included).");

        var search = new SearchService(index, Options.Create(new SearchOptions()), NullLogger<SearchService>.Instance,
            [new SearchFacet("approche", "Approche", RqiiacPortail.Web.Modules.Taxonomy.Contracts.Vocabularies.Approaches)]);
        var reader = SearchReader.Of(Audience.Members, Audience.SectionMembers(14));
        foreach (var (text, filters) in Queries) await search.SearchAsync(new SearchQuery(text, filters), reader); // warm-up

        const int rounds = 50;
        var timings = new List<double>();
        foreach (var (text, filters) in Queries)
        {
            var own = new List<double>();
            SearchResults results = SearchResults.Empty;
            for (var i = 0; i < rounds; i++)
            {
                var start = Stopwatch.GetTimestamp();
                results = await search.SearchAsync(new SearchQuery(text, filters), reader);
                own.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            timings.AddRange(own);
            own.Sort();
            Console.WriteLine($"  {text,-38} {string.Join(",", filters.Select(f => $"{f.Key}={f.Value}")),-36} {results.Total,7:N0} hits  p50 {own[own.Count / 2],5:0.0} ms");
        }
        timings.Sort();
        double P(double p) => timings[Math.Min(timings.Count - 1, (int)Math.Ceiling(p * timings.Count) - 1)];
        Console.WriteLine($"Query latency over {timings.Count} runs: p50 {P(0.50):0.0} ms, p95 {P(0.95):0.0} ms, max {P(1):0.0} ms");
        Console.WriteLine($"Index size: {Directory.EnumerateFiles(index.Path).Sum(f => new FileInfo(f).Length) / 1024.0 / 1024.0:0} MiB");
        SnippetComparison.Run(documents.Take(4000).Select(d => d.Text).ToList(), Queries.Select(q => q.Text));

        try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        return 0;
    }

    private static IEnumerable<SearchDocument> Generate(int count)
    {
        var random = new Random(2026);
        string Pick(string[] from) => from[random.Next(from.Length)];
        for (var i = 1; i <= count; i++)
        {
            var field = Pick(Fields);
            var title = $"{char.ToUpperInvariant(Pick(Kinds)[0])}{Pick(Kinds)[1..]} pour {Pick(Verbs)} en {field}";
            var words = Enumerable.Range(0, 150).Select(_ => Pick(Words));
            var text = $"{string.Join(' ', words)}. Champ de pratique : {field}. {Pick(Kinds)} utilisé pour {Pick(Verbs)} les partenaires.";
            var section = random.Next(1, 18);
            yield return new SearchDocument("outil", i.ToString(System.Globalization.CultureInfo.InvariantCulture), section, title, text, $"/outils/{i}",
                DateTimeOffset.UtcNow.AddDays(-random.Next(0, 3000)),
                random.Next(10) switch { < 6 => Audience.Everyone, < 9 => Audience.Members, _ => Audience.SectionMembers(section) },
                new Dictionary<string, IReadOnlyList<string>> { ["approche"] = [Pick(Approaches)], ["champ"] = [field] });
        }
    }
}
