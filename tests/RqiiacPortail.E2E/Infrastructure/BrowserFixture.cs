using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RqiiacPortail.Tests.Infrastructure;

namespace RqiiacPortail.E2E.Infrastructure;

/// <summary>The portal on a real Kestrel port and Debian's Chromium driven by Playwright, shared by a test class.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public SqlitePortalFactory Portal { get; } = new();
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Portal.UseKestrel(0);
        Portal.StartServer();
        BaseUrl = Portal.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // No background traffic: this machine reaches nothing outside loopback.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context (its own cookies), in French; <paramref name="width"/> for a phone's screen.</summary>
    public async Task<IPage> NewPageAsync(int? width = null)
    {
        var options = new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "fr-CA" };
        if (width is { } w) options.ViewportSize = new ViewportSize { Width = w, Height = 844 };
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
        await ((IAsyncLifetime)Portal).DisposeAsync();
    }
}
