using Microsoft.Playwright;

namespace RqiiacPortail.E2E.Infrastructure;

public static class Navigation
{
    /// <summary>
    /// Clicks what submits a form or follows a link, then waits until the page that answers is loaded. Waiting for
    /// the load state alone right after a click can see the page being left, still loaded, and go on before the
    /// answer: the old document is marked, and the wait ends once a document without the mark has loaded.
    /// </summary>
    public static async Task ClickAndWaitForNextPageAsync(this IPage page, ILocator target, float timeout = 30_000)
    {
        await page.EvaluateAsync("() => { window.__leaving = true; }");
        await target.ClickAsync();
        var deadline = DateTime.UtcNow.AddMilliseconds(timeout);
        // Polled rather than awaited as a load event: a wait for « load » begun while one document gives way to the
        // next once missed the new document's event and ran out its 30 s on a page long loaded.
        while (true)
        {
            try
            {
                if (await page.EvaluateAsync<bool>("() => window.__leaving !== true && document.readyState === 'complete'")) return;
            }
            // The old document's context is destroyed while evaluating: the next one is on its way.
            catch (PlaywrightException) when (DateTime.UtcNow < deadline) { }
            if (DateTime.UtcNow >= deadline) throw new TimeoutException($"No new page within {timeout} ms of the click on {target}.");
            await Task.Delay(50);
        }
    }
}
