using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using RqiiacPortail.Web.Data;

namespace RqiiacPortail.Tests.Architecture;

/// <summary>
/// Every stored text has one length: in the model, in both providers' migrations, and in the forms that fill it.
/// (Two 100-character names once made a 201-character recipient name that PostgreSQL refused, and every tool
/// published in that member's region failed with it.)
/// </summary>
public sealed class TextLengthTests
{
    private static readonly Assembly Web = typeof(Program).Assembly;

    // Texts meant to be long (rendered mail, extracted file text, the operator's error): bounded where written.
    private static readonly HashSet<string> Unbounded =
    [
        "OutboxMail.HtmlBody", "OutboxMail.TextBody", "MailBulk.HtmlBody", "MailBulk.TextBody", "OutboxMail.Headers", "ToolFileText.Text",
    ];

    private static IModel Model() => new SqliteDesignTimeFactory().CreateDbContext([]).Model;

    [Fact]
    public void EveryTextOfThePortal_HasAColumnLength()
    {
        var missing = Model().GetEntityTypes()
            .Where(e => e.ClrType.Namespace?.StartsWith("RqiiacPortail", StringComparison.Ordinal) == true)
            .SelectMany(e => e.GetProperties().Where(p => p.ClrType == typeof(string)).Select(p => (Entity: e.ClrType.Name, Property: p)))
            // Keys and the columns pointing at them are ids, not texts; Identity's own columns are its business.
            .Where(x => x.Property.GetMaxLength() is null && !x.Property.IsKey() && !x.Property.IsForeignKey()
                        && x.Property.PropertyInfo?.DeclaringType?.Namespace?.StartsWith("RqiiacPortail", StringComparison.Ordinal) == true
                        && !Unbounded.Contains($"{x.Entity}.{x.Property.Name}"))
            .Select(x => $"{x.Entity}.{x.Property.Name}")
            .ToList();

        Assert.True(missing.Count == 0, "Without a length: " + string.Join(", ", missing));
    }

    [Fact]
    public void BothProvidersMigrations_MatchTheModel()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);

        Assert.False(sqlite.Database.HasPendingModelChanges(), "SQLite's migrations lag behind the model: add a migration.");
        Assert.False(postgres.Database.HasPendingModelChanges(), "PostgreSQL's migrations lag behind the model: add a migration.");
    }

    /// <summary>
    /// Every column that copies a member's display name takes the longest one: a first and a last name at their
    /// columns' length and the space between (a 100 + 100 name once made every event registration a 500).
    /// </summary>
    [Fact]
    public void EveryCopyOfADisplayName_TakesTheLongestOne()
    {
        var model = Model();
        var user = model.GetEntityTypes().Single(e => e.ClrType.Name == "PortalUser");
        var longest = user.FindProperty("FirstName")!.GetMaxLength()!.Value + 1 + user.FindProperty("LastName")!.GetMaxLength()!.Value;
        string[] copies = ["Registration.Name", "OutboxMail.ToName", "AuditEntry.ActorName", "PortalUser.NameKey"];
        foreach (var copy in copies)
        {
            var (entity, property) = (copy.Split('.')[0], copy.Split('.')[1]);
            var max = model.GetEntityTypes().Single(e => e.ClrType.Name == entity).FindProperty(property)!.GetMaxLength();
            Assert.True(max >= longest, $"{copy} takes {max}, a display name up to {longest}");
        }
    }

    /// <summary>
    /// Each form field with a length that fills a column of the same name in its own module takes no more than
    /// the column does.
    /// </summary>
    [Fact]
    public void NoFormField_TakesMoreThanItsColumn()
    {
        var columns = Model().GetEntityTypes()
            .SelectMany(e => e.GetProperties().Where(p => p.GetMaxLength() is not null).Select(p => (Module: ModuleOf(e.ClrType), p.Name, Max: p.GetMaxLength()!.Value)))
            .ToList();
        var overflowing = new List<string>();
        foreach (var (page, input) in FormInputs())
            foreach (var field in input.GetProperties().Where(p => p.PropertyType == typeof(string)))
            {
                if (field.GetCustomAttribute<StringLengthAttribute>()?.MaximumLength is not { } formMax) continue;
                foreach (var column in columns.Where(c => c.Name == field.Name && c.Module == ModuleOf(page)))
                    if (formMax > column.Max) overflowing.Add($"{page.Name}: {input.Name}.{field.Name} takes {formMax}, its column {column.Max}");
            }

        Assert.True(overflowing.Count == 0, string.Join("\n", overflowing));
    }

    [Fact]
    public void FormsAreFound()
    {
        Assert.Contains(FormInputs(), f => f.Input.Name == "ToolInput");
        Assert.Contains(FormInputs(), f => f.Input.Name == "ProfileFields" || f.Input.BaseType?.Name == "ProfileFields");
    }

    private static IEnumerable<(Type Page, Type Input)> FormInputs() =>
        Web.GetTypes().Where(t => typeof(PageModel).IsAssignableFrom(t))
            .SelectMany(page => page.GetProperties()
                .Where(p => p.GetCustomAttribute<BindPropertyAttribute>() is not null && p.PropertyType.IsClass && p.PropertyType != typeof(string))
                .Select(p => (page, p.PropertyType)));

    private static string ModuleOf(Type type) => type.Namespace?.Split('.') is [_, _, "Modules", var module, ..] ? module : type.Namespace ?? "";
}
