namespace RqiiacPortail.Tests.Infrastructure;

/// <summary>
/// PostgreSQL-backed classes share the one server; they run one after the other to keep its load light, and
/// those that need no settings of their own share one portal (<see cref="PostgresPortalFactory"/>, started once
/// for the collection): each test makes its own members and content, and a test that changes a recipe section
/// puts it back. Classes with their own sites (clocks, failing commands, manual events) keep their own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresPortalFactory>
{
    public const string Name = "PostgreSQL";
}
