using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Sections;

namespace RqiiacPortail.Tests.Sections;

public sealed class ReservedSlugTests(SqlitePortalFactory factory) : IClassFixture<SqlitePortalFactory>
{
    [Fact]
    public void EveryRoutedAddress_StartsWithAReservedSegment()
    {
        var endpoints = factory.Started().Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

        var firsts = endpoints.Select(e => e.RoutePattern.RawText?.TrimStart('/').Split('/')[0] ?? "")
            .Where(s => s.Length > 0 && !s.StartsWith('{')).Distinct().ToList();

        Assert.NotEmpty(firsts);
        // Each module declares its own segments from its entry point; none is listed centrally.
        var reserved = factory.Services.GetRequiredService<ReservedSlugs>();
        Assert.All(firsts, segment => Assert.Contains(segment, reserved.All));
        Assert.Contains("outils", reserved.All);
        Assert.Contains("hubs", reserved.All);
    }

    [Fact]
    public void NoRegionSlug_IsReserved()
    {
        var reserved = factory.Started().Services.GetRequiredService<ReservedSlugs>();
        Assert.DoesNotContain(new[] { "lanaudiere", "montreal", "cote-nord", "gaspesie-iles-de-la-madeleine" }, reserved.Contains);
    }
}
