namespace RqiiacPortail.Web.Infrastructure;

/// <summary>Settings of the host as a whole (section <c>Portal</c>).</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>Where the database file, mail drop, keys and uploads live; <c>App_Data</c> under the content root by default.</summary>
    public string DataPath { get; set; } = "";

    /// <summary>Where recipes are read from; the <c>recipes</c> folder shipped beside the host by default.</summary>
    public string RecipesPath { get; set; } = Path.Combine(AppContext.BaseDirectory, "recipes");

    /// <summary>The site's public address, for links in e-mails sent outside any request (digests).</summary>
    public string PublicUrl { get; set; } = "http://localhost:5080";

    /// <summary>Whether the national recipe's sample accounts are created (development set-up only).</summary>
    public bool CreateSampleAccounts { get; set; }
}
