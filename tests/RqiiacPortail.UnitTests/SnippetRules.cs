using Lucene.Net.Analysis.TokenAttributes;
using RqiiacPortail.Web.Modules.Search;

namespace RqiiacPortail.UnitTests;

public class SnippetRules
{
    /// <summary>The index terms of a query, as the search gets them: through the portal's French analysis.</summary>
    private static HashSet<string> Terms(string query)
    {
        using var analyzer = new PortalFrenchAnalyzer();
        using var stream = analyzer.GetTokenStream(IndexFields.Text, new StringReader(query));
        var term = stream.AddAttribute<ICharTermAttribute>();
        var terms = new HashSet<string>();
        stream.Reset();
        while (stream.IncrementToken()) terms.Add(term.ToString());
        stream.End();
        return terms;
    }

    [Fact]
    public void TheMatchedWords_AreMarked_WhateverTheirAccentsOrNumber()
    {
        var html = Snippets.Make("Les logements sociaux du quartier.", Terms("logement"));
        Assert.Equal("Les <mark>logements</mark> sociaux du quartier.", html);
    }

    [Fact]
    public void TheSnippet_StaysInThePassageWhereTheFirstMatchIs()
    {
        var text = "Un résumé sans rapport.\nLa grille d'analyse du milieu, version de travail.\nanalyse-milieu.pdf\nAnalyse du milieu";
        var html = Snippets.Make(text, Terms("analyse milieu"));
        Assert.Equal("La grille d&#x27;<mark>analyse</mark> du <mark>milieu</mark>, version de travail.", html);
    }

    [Fact]
    public void ALongPassage_IsCutAroundTheMatch_WithEllipses()
    {
        var filler = string.Join(' ', Enumerable.Repeat("concertation", 40));
        var html = Snippets.Make($"{filler} territoire {filler}\nfin", Terms("territoire"));
        Assert.StartsWith("…", html);
        Assert.EndsWith("…", html);
        Assert.Contains("<mark>territoire</mark>", html);
        Assert.DoesNotContain("fin", html);
    }

    [Fact]
    public void APassageShorterThanTheExcerpt_IsShownWhole()
    {
        var text = "Portrait du quartier : où acheter une alimentation saine, à pied ou en autobus, avec les comptoirs alimentaires et les jardins collectifs du secteur.";
        var html = Snippets.Make(text, Terms("alimentaires"));
        Assert.StartsWith("Portrait du quartier", html);
        Assert.EndsWith("du secteur.", html);
    }

    [Fact]
    public void WithoutAMatch_TheSnippetIsTheFirstPassage()
    {
        Assert.Equal("Premier passage &amp; suite.", Snippets.Make("Premier passage & suite.\nDeuxième", new HashSet<string>()));
    }
}
