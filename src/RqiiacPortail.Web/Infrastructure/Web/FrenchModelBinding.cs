using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace RqiiacPortail.Web.Infrastructure.Web;

/// <summary>
/// The framework's own binding messages ("The value '' is invalid."), in French and without the code's field
/// names: a reader next to the field knows which field it is, and « HomeSectionId » means nothing to them.
/// </summary>
internal static class FrenchModelBinding
{
    public static void Apply(DefaultModelBindingMessageProvider m)
    {
        m.SetAttemptedValueIsInvalidAccessor((value, _) => $"La valeur « {value} » n'est pas valide.");
        m.SetMissingBindRequiredValueAccessor(_ => "Ce champ est requis.");
        m.SetMissingKeyOrValueAccessor(() => "Une valeur est requise.");
        m.SetMissingRequestBodyRequiredValueAccessor(() => "Le contenu de la requête est requis.");
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"La valeur « {value} » n'est pas valide.");
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => "La valeur fournie n'est pas valide.");
        m.SetNonPropertyValueMustBeANumberAccessor(() => "La valeur doit être un nombre.");
        m.SetUnknownValueIsInvalidAccessor(_ => "La valeur fournie n'est pas valide.");
        m.SetValueIsInvalidAccessor(value => $"La valeur « {value} » n'est pas valide.");
        m.SetValueMustBeANumberAccessor(_ => "Ce champ doit être un nombre.");
        m.SetValueMustNotBeNullAccessor(value => $"La valeur « {value} » n'est pas valide.");
    }
}

/// <summary>
/// A value-type property (a check box, a number) is required by the framework without a [Required] of ours, and
/// its data-val-required attribute then said « The RememberMe field is required. »: the same rule, in French.
/// Only the attribute written in the page changes; what the server accepts does not.
/// </summary>
internal sealed class FrenchImplicitRequired : Microsoft.AspNetCore.Mvc.ModelBinding.Validation.IClientModelValidatorProvider
{
    private static readonly System.ComponentModel.DataAnnotations.RequiredAttribute French = new() { ErrorMessage = "Ce champ est requis." };

    public void CreateValidators(Microsoft.AspNetCore.Mvc.ModelBinding.Validation.ClientValidatorProviderContext context)
    {
        foreach (var item in context.Results)
            if (item.Validator is Microsoft.AspNetCore.Mvc.DataAnnotations.RequiredAttributeAdapter { Attribute.ErrorMessage: null })
                item.Validator = new Microsoft.AspNetCore.Mvc.DataAnnotations.RequiredAttributeAdapter(French, null);
    }
}
