namespace RqiiacPortail.Web.Infrastructure;

/// <summary>Settings of the host as a whole (section <c>Portal</c>).</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>Where the database file, mail drop, keys and uploads live; <c>App_Data</c> under the content root by default.</summary>
    public string DataPath { get; set; } = "";

    /// <summary>Where recipes are read from; the <c>recipes</c> folder shipped beside the host by default.</summary>
    public string RecipesPath { get; set; } = Path.Combine(AppContext.BaseDirectory, "recipes");

    /// <summary>
    /// The site's public address. Every absolute link the portal writes (e-mails, feeds) starts with it, or with a
    /// section's own configured host name: never with the Host header of the request, which anyone can forge.
    /// </summary>
    /// <remarks>When not set, the address the site listens on (said in the log at start), else <see cref="FallbackUrl"/>.</remarks>
    public string PublicUrl { get; set; } = "";

    public const string FallbackUrl = "http://localhost:5080";

    /// <summary>
    /// Addresses (<c>10.0.0.5</c>) or networks (<c>172.28.0.0/24</c>) of the reverse proxies whose X-Forwarded-For,
    /// -Proto and -Host headers are believed. None by default: the site then takes the connection as it is.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Whether the national recipe's sample accounts are created (development set-up only).</summary>
    public bool CreateSampleAccounts { get; set; }
}
