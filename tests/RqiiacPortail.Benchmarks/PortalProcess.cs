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

    /// <param name="settings">Configuration added to the benchmark's own (the database, say), as environment variables.</param>
    public static async Task<PortalProcess> StartAsync(string dataPath, IReadOnlyDictionary<string, string>? settings = null)
    {
        var url = FreeUrl();
        var start = Portal(dataPath, settings);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url);
        return await WaitForAsync(Launch(start), url, "/health");
    }

    /// <summary>
    /// The ceiling: a bare ASP.NET Core endpoint answering "Bonjour", in a process of its own with the server garbage
    /// collector (its fastest; the host runs the workstation one, see its project file).
    /// </summary>
    public static async Task<PortalProcess> StartHelloAsync()
    {
        var url = FreeUrl();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RqiiacPortail.Benchmarks.dll"));
        start.ArgumentList.Add("hello");
        start.ArgumentList.Add(url);
        start.Environment["DOTNET_gcServer"] = "1";
        return await WaitForAsync(Launch(start), url, "/");
    }

    /// <summary>One of the site's commands (<c>search rebuild</c>) on the same data and settings, to its end.</summary>
    public static async Task RunCommandAsync(string dataPath, IReadOnlyDictionary<string, string>? settings, params string[] command)
    {
        var start = Portal(dataPath, settings);
        foreach (var word in command) start.ArgumentList.Add(word);
        using var process = Launch(start);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"'{string.Join(' ', command)}' failed ({process.ExitCode}).");
    }

    private static ProcessStartInfo Portal(string dataPath, IReadOnlyDictionary<string, string>? settings)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RqiiacPortail.Web.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Portal__DataPath"] = dataPath;
        start.Environment["Portal__RecipesPath"] = Path.Combine(AppContext.BaseDirectory, "recipes");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["RateLimits__SignInPerMinute"] = "1000000";
        start.Environment["RateLimits__SignInPerMinutePerAddress"] = "1000000";
        start.Environment["RateLimits__PostsPerMinute"] = "1000000";
        start.Environment["RateLimits__MemberPostsPerMinutePerAddress"] = "1000000";
        start.Environment["Live__MaxConnectionsPerAddress"] = "1000000";
        start.Environment["RateLimits__SearchesPerMinute"] = "100000000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key.Replace(":", "__")] = value;
        return start;
    }

    private static Process Launch(ProcessStartInfo start)
    {
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("  [hôte] " + e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("  [hôte] " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static string FreeUrl()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        listener.Stop();
        return url;
    }

    private static async Task<PortalProcess> WaitForAsync(Process process, string url, string probe)
    {
        using var http = new HttpClient();
        for (var i = 0; i < 600; i++)
        {
            try { if ((await http.GetAsync(url + probe)).IsSuccessStatusCode) return new PortalProcess(process, url); }
            catch (HttpRequestException) { }
            if (process.HasExited) break;
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

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited) { _process.Kill(true); await _process.WaitForExitAsync(); }
        _process.Dispose();
    }
}
