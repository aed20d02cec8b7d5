using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace RqiiacPortail.Benchmarks;

/// <summary>
/// Debian's wrk, run as its own process so that the load generator costs what a real one does (C, epoll), not
/// what a .NET client would: the same for the portal and for the hello endpoint it is compared with.
/// </summary>
internal static partial class Wrk
{
    public sealed record Result(double RequestsPerSecond, double P50Ms, double P99Ms, long Errors);

    public static void EnsureInstalled()
    {
        if (File.Exists("/usr/bin/wrk")) return;
        Console.WriteLine("wrk n'est pas installé : apt-get install -y wrk");
        using var install = Process.Start(new ProcessStartInfo("apt-get", "install -y -q wrk") { RedirectStandardOutput = true })!;
        install.StandardOutput.ReadToEnd();
        install.WaitForExit();
        if (!File.Exists("/usr/bin/wrk")) throw new InvalidOperationException("wrk is required: apt-get install -y wrk");
    }

    public static async Task<Result> RunAsync(string url, int connections, TimeSpan duration, string? cookie)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-t", "2", "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", $"{(int)duration.TotalSeconds}s", "--latency" })
            start.ArgumentList.Add(a);
        if (cookie is not null) { start.ArgumentList.Add("-H"); start.ArgumentList.Add("Cookie: " + cookie); }
        start.ArgumentList.Add(url);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"wrk failed: {await process.StandardError.ReadToEndAsync()}");

        var rps = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        double Percentile(string p) => Milliseconds(Regex.Match(output, $@"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline));
        var errors = NonSuccess().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var socket = SocketErrors().Match(output) is { Success: true } s
            ? s.Groups.Cast<Group>().Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture)) : 0;
        return new Result(rps, Percentile("50"), Percentile("99"), errors + socket);
    }

    private static double Milliseconds(Match m)
    {
        var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
