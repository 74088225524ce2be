using System.Net.Mail;
using Microsoft.Extensions.Localization;
using Norma.Shared.Errors;

namespace Norma.Shared;

/// <summary>Collects localized field errors and throws them together, for the API (400 problem) and the UI alike.</summary>
public sealed class Validation(IStringLocalizer text)
{
    /// <summary>Trimmed text, or null for blank input.</summary>
    public static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public Validation Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, text["Validation.Required", text[$"Field.{field}"]]);
        }
        else if (value.Trim().Length > maxLength)
        {
            Add(field, text["Validation.TooLong", text[$"Field.{field}"], maxLength]);
        }

        return this;
    }

    public Validation Optional(string field, string? value, int maxLength)
    {
        if (value is not null && value.Trim().Length > maxLength)
        {
            Add(field, text["Validation.TooLong", text[$"Field.{field}"], maxLength]);
        }

        return this;
    }

    public Validation Pattern(string field, string? value, System.Text.RegularExpressions.Regex pattern, string messageKey)
    {
        if (!string.IsNullOrWhiteSpace(value) && !pattern.IsMatch(value.Trim()))
        {
            Add(field, text[messageKey]);
        }

        return this;
    }

    public Validation Email(string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value) && !MailAddress.TryCreate(value.Trim(), out _))
        {
            Add(field, text["Validation.Email"]);
        }

        return this;
    }

    public Validation Check(bool ok, string field, string message)
    {
        if (!ok)
        {
            Add(field, message);
        }

        return this;
    }

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
    }

    public bool HasErrors => errors.Count > 0;

    public void ThrowIfAny()
    {
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }
}
