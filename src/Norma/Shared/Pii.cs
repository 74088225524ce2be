namespace Norma.Shared;

/// <summary>Masking of personal data for readers without the right to see it in full.</summary>
public static class Pii
{
    /// <summary>13812345678 → 138****5678; short values keep only the last two characters.</summary>
    public static string? MaskPhone(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return phone;
        }

        // A mobile number (11 digits and longer) keeps its prefix and last four; shorter numbers (landlines) keep at most
        // a quarter of their digits at each end, so at least half is always hidden.
        if (phone.Length >= 11)
        {
            return string.Concat(phone.AsSpan(0, 3), new string('*', phone.Length - 7), phone.AsSpan(phone.Length - 4));
        }

        if (phone.Length >= 7)
        {
            var keep = phone.Length / 4;
            return string.Concat(phone.AsSpan(0, keep), new string('*', phone.Length - (2 * keep)), phone.AsSpan(phone.Length - keep));
        }

        return new string('*', phone.Length - 2) + phone[^2..];
    }

    /// <summary>zhang.san@example.com → z***@example.com.</summary>
    public static string? MaskEmail(string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return email;
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? "***" : string.Concat(email.AsSpan(0, 1), "***", email.AsSpan(at));
    }
}
