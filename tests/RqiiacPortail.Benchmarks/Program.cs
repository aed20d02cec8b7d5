using RqiiacPortail.Benchmarks;

// Benchmarks of the portal, run by hand (never by the test suite). See the README's "Benchmarks" section.
//   dotnet run -c Release --project tests/RqiiacPortail.Benchmarks -- notifications [--members 1000]
switch (args)
{
    case ["notifications", .. var rest]:
        var members = rest is ["--members", var n, ..] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 1000;
        return await NotificationBenchmark.RunAsync(members);
    default:
        Console.WriteLine("usage: notifications [--members N]");
        return 2;
}
