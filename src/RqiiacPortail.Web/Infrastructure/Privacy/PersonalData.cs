namespace RqiiacPortail.Web.Infrastructure.Privacy;

/// <summary>The member whose personal information is asked for or erased.</summary>
/// <param name="DisplayName">The name others saw (« Josée Létourneau »), to take it off what stays behind.</param>
public sealed record DataSubject(string UserId, string Email, string DisplayName = "");

/// <summary>What the member chose when leaving: whether what they published for the community goes too.</summary>
public sealed record ErasureChoices(bool WithdrawPublishedContent);

/// <summary>
/// What one part of the portal holds about a member, for the rights Québec's Law 25 gives them: a copy of their
/// personal information, and its erasure when they close their account. Each part that keeps something about
/// people registers one (<see cref="PersonalDataRegistration.AddPersonalData{T}"/>); the Members module gathers them.
/// </summary>
public interface IPersonalData
{
    /// <summary>The heading of this part in the copy (a key of its JSON document, in French: « notifications »).</summary>
    string Key { get; }

    /// <summary>Plain values (records, lists, strings, dates), serialized to JSON as they are.</summary>
    Task<object?> ExportAsync(DataSubject subject, CancellationToken ct);

    /// <summary>
    /// Erases what this part holds about the member, or detaches it from them. Runs in the transaction that then
    /// deletes the account, on the same unit of work, so that all of it happens or none.
    /// </summary>
    Task EraseAsync(DataSubject subject, ErasureChoices choices, CancellationToken ct);
}

public static class PersonalDataRegistration
{
    public static IServiceCollection AddPersonalData<T>(this IServiceCollection services) where T : class, IPersonalData =>
        services.AddScoped<IPersonalData, T>();
}
