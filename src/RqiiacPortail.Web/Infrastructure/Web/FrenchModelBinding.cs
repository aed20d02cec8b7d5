using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace RqiiacPortail.Web.Infrastructure.Web;

/// <summary>The framework's own binding messages ("The value '' is invalid."), in French.</summary>
internal static class FrenchModelBinding
{
    public static void Apply(DefaultModelBindingMessageProvider m)
    {
        m.SetAttemptedValueIsInvalidAccessor((value, field) => $"La valeur « {value} » n'est pas valide pour {field}.");
        m.SetMissingBindRequiredValueAccessor(field => $"Le champ {field} est requis.");
        m.SetMissingKeyOrValueAccessor(() => "Une valeur est requise.");
        m.SetMissingRequestBodyRequiredValueAccessor(() => "Le contenu de la requête est requis.");
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"La valeur « {value} » n'est pas valide.");
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => "La valeur fournie n'est pas valide.");
        m.SetNonPropertyValueMustBeANumberAccessor(() => "La valeur doit être un nombre.");
        m.SetUnknownValueIsInvalidAccessor(field => $"La valeur fournie n'est pas valide pour {field}.");
        m.SetValueIsInvalidAccessor(value => $"La valeur « {value} » n'est pas valide.");
        m.SetValueMustBeANumberAccessor(field => $"Le champ {field} doit être un nombre.");
        m.SetValueMustNotBeNullAccessor(value => $"La valeur « {value} » n'est pas valide.");
    }
}
