using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using RqiiacPortail.Benchmarks;

// Benchmarks of the portal, run by hand (never by the test suite). See the README's "Benchmarks" section.
//   dotnet run -c Release --project tests/RqiiacPortail.Benchmarks -- notifications [--members 1000]
//   dotnet run -c Release --project tests/RqiiacPortail.Benchmarks -- forum-live [--readers 500]
//   dotnet run -c Release --project tests/RqiiacPortail.Benchmarks -- registrations [--clients 64] [--seconds 10] [--postgres CONNECTION]
//   dotnet run -c Release --project tests/RqiiacPortail.Benchmarks -- search [--documents 100000]
//   dotnet run -c Release --project tests/RqiiacPortail.Benchmarks -- pages [--postgres CONNECTION] [--seconds 5] [--only PATH] [--data DIR] [--who membre] [--set NAME=VALUE]
//   dotnet run -c Release --project tests/RqiiacPortail.Benchmarks -- mail [--messages 10000] [--workers 4] [--postgres CONNECTION]
//   dotnet run -c Release --project tests/RqiiacPortail.Benchmarks -- bulletin [--subscribers 10000] [--workers 4]
switch (args)
{
    case ["notifications", .. var rest]:
        var members = rest is ["--members", var n, ..] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 1000;
        return await NotificationBenchmark.RunAsync(members);
    case ["forum-live", .. var rest]:
        var readers = rest is ["--readers", var r, ..] ? int.Parse(r, System.Globalization.CultureInfo.InvariantCulture) : 500;
        return await ForumLiveBenchmark.RunAsync(readers);
    case ["registrations", .. var rest]:
        string? Given(string name) => rest.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return await RegistrationBenchmark.RunAsync(int.Parse(Given("--clients") ?? "64", System.Globalization.CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(int.Parse(Given("--seconds") ?? "10", System.Globalization.CultureInfo.InvariantCulture)), Given("--postgres"));
    case ["search", .. var rest]:
        var documents = rest is ["--documents", var d, ..] ? int.Parse(d, System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        return await SearchBenchmark.RunAsync(documents);
    case ["pages", .. var rest]:
        string? Option(string name) => rest.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Option(name) is { } v ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;
        return await PageBenchmark.RunAsync(new PageBenchmark.Options(Option("--postgres"), Number("--members", 3000), Number("--tools", 2000),
            TimeSpan.FromSeconds(Number("--seconds", 5)), Number("--connections", 32), Option("--only"), Option("--data"), Option("--who"), Settings(rest)));
    case ["mail", .. var rest]:
        string? MailOption(string name) => rest.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return await MailBenchmark.RunAsync(int.Parse(MailOption("--messages") ?? "10000", System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(MailOption("--workers") ?? "4", System.Globalization.CultureInfo.InvariantCulture), MailOption("--postgres"));
    case ["bulletin", .. var rest]:
        string? BulletinOption(string name) => rest.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return await BulletinBenchmark.RunAsync(int.Parse(BulletinOption("--subscribers") ?? "10000", System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(BulletinOption("--workers") ?? "4", System.Globalization.CultureInfo.InvariantCulture),
            Settings(rest));
    case ["hello", var url]:
        // The ceiling the pages benchmark compares with (started by it as a process of its own).
        var hello = WebApplication.CreateSlimBuilder();
        hello.Logging.ClearProviders();
        hello.WebHost.UseUrls(url);
        var app = hello.Build();
        app.MapGet("/", () => "Bonjour");
        await app.RunAsync();
        return 0;
    default:
        Console.WriteLine("usage: notifications [--members N] | forum-live [--readers N] | registrations [--clients N] [--seconds N] [--postgres CONNECTION] | search [--documents N] | pages [--postgres CONNECTION] [--seconds N] [--only PATH] | mail [--messages N] [--workers N] [--postgres CONNECTION] | bulletin [--subscribers N] [--workers N]");
        return 2;
}

// --set NAME=VALUE (repeatable): a setting or an environment variable of the host's (DOTNET_GCConserveMemory=5).
static Dictionary<string, string> Settings(string[] rest) =>
    rest.Select((a, i) => (a, i)).Where(x => x.a == "--set" && x.i + 1 < rest.Length).Select(x => rest[x.i + 1].Split('=', 2))
        .ToDictionary(kv => kv[0], kv => kv[1]);
