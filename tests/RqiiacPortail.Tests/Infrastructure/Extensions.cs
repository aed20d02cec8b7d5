namespace RqiiacPortail.Tests.Infrastructure;

/// <summary>PostgreSQL-backed classes share the one server; they run one after the other to keep its load light.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection
{
    public const string Name = "PostgreSQL";
}
