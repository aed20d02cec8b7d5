using Microsoft.AspNetCore.Identity;

namespace RqiiacPortail.Web.Modules.Members;

/// <summary>Identity's messages in French; codes are kept so that pages can attach them to the right field.</summary>
public sealed class FrenchIdentityErrorDescriber : IdentityErrorDescriber
{
    private static IdentityError E(string code, string description) => new() { Code = code, Description = description };

    public override IdentityError DefaultError() => E(nameof(DefaultError), "Une erreur inattendue est survenue.");
    public override IdentityError ConcurrencyFailure() => E(nameof(ConcurrencyFailure), "Ces données ont été modifiées entre-temps ; réessayez.");
    public override IdentityError PasswordMismatch() => E(nameof(PasswordMismatch), "Mot de passe incorrect.");
    public override IdentityError InvalidToken() => E(nameof(InvalidToken), "Ce lien n'est plus valide. Demandez-en un nouveau.");
    public override IdentityError LoginAlreadyAssociated() => E(nameof(LoginAlreadyAssociated), "Ce compte externe est déjà associé à un membre.");
    public override IdentityError InvalidUserName(string? userName) => E(nameof(InvalidUserName), $"L'identifiant « {userName} » n'est pas valide.");
    public override IdentityError InvalidEmail(string? email) => E(nameof(InvalidEmail), $"L'adresse « {email} » n'est pas valide.");
    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateUserName), $"L'identifiant « {userName} » est déjà pris.");
    public override IdentityError DuplicateEmail(string email) => E(nameof(DuplicateEmail), "Un compte existe déjà avec cette adresse courriel. Utilisez « Mot de passe oublié » si besoin.");
    public override IdentityError InvalidRoleName(string? role) => E(nameof(InvalidRoleName), $"Le rôle « {role} » n'est pas valide.");
    public override IdentityError DuplicateRoleName(string role) => E(nameof(DuplicateRoleName), $"Le rôle « {role} » existe déjà.");
    public override IdentityError UserAlreadyHasPassword() => E(nameof(UserAlreadyHasPassword), "Ce compte a déjà un mot de passe.");
    public override IdentityError UserLockoutNotEnabled() => E(nameof(UserLockoutNotEnabled), "Le verrouillage n'est pas activé pour ce compte.");
    public override IdentityError UserAlreadyInRole(string role) => E(nameof(UserAlreadyInRole), $"Ce membre a déjà le rôle « {role} ».");
    public override IdentityError UserNotInRole(string role) => E(nameof(UserNotInRole), $"Ce membre n'a pas le rôle « {role} ».");
    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), $"Le mot de passe doit compter au moins {length} caractères.");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => E(nameof(PasswordRequiresUniqueChars), $"Le mot de passe doit contenir au moins {uniqueChars} caractères différents.");
    public override IdentityError PasswordRequiresNonAlphanumeric() => E(nameof(PasswordRequiresNonAlphanumeric), "Le mot de passe doit contenir au moins un caractère spécial.");
    public override IdentityError PasswordRequiresDigit() => E(nameof(PasswordRequiresDigit), "Le mot de passe doit contenir au moins un chiffre.");
    public override IdentityError PasswordRequiresLower() => E(nameof(PasswordRequiresLower), "Le mot de passe doit contenir au moins une minuscule.");
    public override IdentityError PasswordRequiresUpper() => E(nameof(PasswordRequiresUpper), "Le mot de passe doit contenir au moins une majuscule.");
    public override IdentityError RecoveryCodeRedemptionFailed() => E(nameof(RecoveryCodeRedemptionFailed), "Ce code de récupération n'est pas valide.");
}
