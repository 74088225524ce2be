using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Norma.Modules.Cases.Features.Lists;

/// <summary>
/// The keyset position after a page's last row: the sort it belongs to, the row's sort value (UTC ticks; none for a row
/// without a running clock in the due-soonest order) and its id. Opaque to clients: base64url of "1|sort|ticks|id".
/// </summary>
internal readonly record struct CaseCursor(CaseSort Sort, long? Ticks, Guid Id)
{
    public DateTime? At => Ticks is { } t ? new DateTime(t, DateTimeKind.Utc) : null;

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"1|{(int)Sort}|{Ticks?.ToString(CultureInfo.InvariantCulture) ?? "-"}|{Id:N}")));

    public static bool TryDecode(string value, out CaseCursor cursor)
    {
        cursor = default;
        if (value.Length > 200)
        {
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(value);
        }
        catch (FormatException)
        {
            return false;
        }

        var parts = Encoding.ASCII.GetString(bytes).Split('|');
        if (parts.Length != 4 || parts[0] != "1"
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sort) || !Enum.IsDefined((CaseSort)sort)
            || !Guid.TryParseExact(parts[3], "N", out var id))
        {
            return false;
        }

        long? ticks = null;
        if (parts[2] != "-")
        {
            if (!long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var t) || t > DateTime.MaxValue.Ticks)
            {
                return false;
            }

            ticks = t;
        }
        else if ((CaseSort)sort != CaseSort.DueSoonest)
        {
            return false;
        }

        cursor = new CaseCursor((CaseSort)sort, ticks, id);
        return true;
    }
}
