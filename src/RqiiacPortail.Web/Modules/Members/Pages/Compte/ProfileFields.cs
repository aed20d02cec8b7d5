using RqiiacPortail.Web.Infrastructure.Text;
using System.ComponentModel.DataAnnotations;

namespace RqiiacPortail.Web.Modules.Members.Pages.Compte;

/// <summary>What other members see of a person, with its rules: asked at the application, edited on « Mon compte ».</summary>
public class ProfileFields
{
    [Required(ErrorMessage = "Indiquez votre prénom.")]
    [StringLength(100, ErrorMessage = "Le prénom compte au plus 100 caractères.")]
    [SingleLine]
    public string FirstName { get; set; } = "";

    [Required(ErrorMessage = "Indiquez votre nom.")]
    [StringLength(100, ErrorMessage = "Le nom compte au plus 100 caractères.")]
    [SingleLine]
    public string LastName { get; set; } = "";

    [Required(ErrorMessage = "Indiquez votre employeur.")]
    [StringLength(200, ErrorMessage = "L'employeur compte au plus 200 caractères.")]
    [SingleLine]
    public string Employer { get; set; } = "";

    [StringLength(200, ErrorMessage = "Le territoire compte au plus 200 caractères.")]
    [SingleLine]
    public string? Territory { get; set; }
}
