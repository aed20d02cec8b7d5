using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace RqiiacPortail.Web.Data;

public static class InsertIfMissingExtensions
{
    /// <summary>
    /// Inserts a row unless one with the same key (or another unique index) exists: one statement
    /// (<c>INSERT … ON CONFLICT DO NOTHING</c>, which SQLite and PostgreSQL both speak), so that two requests at
    /// once cannot both pass a check and then collide. Every mapped column is written; converters apply.
    /// </summary>
    /// <returns>Whether the row was inserted (false: it was there already).</returns>
    public static async Task<bool> InsertIfMissingAsync<T>(this DbContext db, T row, CancellationToken ct) where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var properties = entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never).ToList();
        var values = properties.Select(p =>
        {
            var value = p.PropertyInfo!.GetValue(row);
            return p.GetTypeMapping().Converter is { } converter && value is not null ? converter.ConvertToProvider(value) : value;
        }).ToArray();
        var statement = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) "
            + $"VALUES ({string.Join(", ", properties.Select((_, i) => $"{{{i}}}"))}) ON CONFLICT DO NOTHING";
        return await db.Database.ExecuteSqlRawAsync(statement, values!, ct) == 1;
    }
}
