using RqiiacPortail.Benchmarks;

// Benchmarks of the portal, run by hand (never by the test suite). See the README's "Benchmarks" section.
//   dotnet run -c Release --project tests/RqiiacPortail.Benchmarks -- notifications [--members 1000]
//   dotnet run -c Release --project tests/RqiiacPortail.Benchmarks -- search [--documents 100000]
switch (args)
{
    case ["notifications", .. var rest]:
        var members = rest is ["--members", var n, ..] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 1000;
        return await NotificationBenchmark.RunAsync(members);
    case ["search", .. var rest]:
        var documents = rest is ["--documents", var d, ..] ? int.Parse(d, System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        return await SearchBenchmark.RunAsync(documents);
    default:
        Console.WriteLine("usage: notifications [--members N] | search [--documents N]");
        return 2;
}
