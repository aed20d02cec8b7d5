using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RqiiacPortail.Benchmarks;

/// <summary>The host as its own process, so that its memory is measured alone.</summary>
internal sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;

    private PortalProcess(Process process, string url) { _process = process; Url = url; }

    public string Url { get; }

    public static async Task<PortalProcess> StartAsync(string dataPath)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        listener.Stop();

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RqiiacPortail.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Portal__DataPath"] = dataPath;
        start.Environment["Portal__RecipesPath"] = Path.Combine(AppContext.BaseDirectory, "recipes");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["RateLimits__SignInPerMinute"] = "1000000";
        start.Environment["RateLimits__SignInPerMinutePerAddress"] = "1000000";
        start.Environment["RateLimits__PostsPerMinute"] = "1000000";
        start.Environment["RateLimits__SearchesPerMinute"] = "1000000";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("  [hôte] " + e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("  [hôte] " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient();
        for (var i = 0; i < 300; i++)
        {
            try { if ((await http.GetAsync($"{url}/health")).IsSuccessStatusCode) return new PortalProcess(process, url); }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        process.Kill(true);
        throw new TimeoutException("The host did not start.");
    }

    /// <summary>Resident and peak memory of the host, in MiB, from /proc.</summary>
    public (double Rss, double Peak) Memory()
    {
        double Read(string key) => File.ReadLines($"/proc/{_process.Id}/status")
            .Where(l => l.StartsWith(key, StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024)
            .First();
        return (Read("VmRSS:"), Read("VmHWM:"));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) { _process.Kill(true); await _process.WaitForExitAsync(); }
        _process.Dispose();
    }
}
