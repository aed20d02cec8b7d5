using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace RqiiacPortail.E2E.Infrastructure;

public static class Accessibility
{
    /// <summary>Runs axe in the page and fails on any serious or critical violation, listing them.</summary>
    public static async Task AssertNoSeriousViolationsAsync(this IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{page.Url}:\n" + string.Join("\n", serious.Select(v =>
            $"- {v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }
}
