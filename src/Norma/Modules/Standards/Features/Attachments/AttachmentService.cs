using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Norma.Modules.Standards.Data;
using Norma.Modules.Standards.Domain;
using Norma.Rules.Standards;
using Norma.Shared;
using Norma.Shared.Access;
using Norma.Shared.Errors;

namespace Norma.Modules.Standards.Features.Attachments;

public sealed record AttachmentDto(Guid Id, Guid VersionId, string FileName, string ContentType, long Size, string UploadedBy, DateTime UploadedAt);

public sealed record AttachmentFile(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Original documents of a version. Only the listed types are accepted and the file's first bytes must match its
/// extension; files are served as downloads (never rendered inline), from the database, and never from a user-given path.
/// </summary>
public sealed class AttachmentService(StandardsDbContext db, IStringLocalizer<SharedResource> text, TimeProvider clock)
{
    public const long MaxBytes = 20 * 1024 * 1024;

    private static readonly byte[] Pdf = "%PDF"u8.ToArray();
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];

    private static readonly Dictionary<string, (string ContentType, byte[] Magic)> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = ("application/pdf", Pdf),
        [".docx"] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", Zip),
        [".xlsx"] = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Zip),
        [".doc"] = ("application/msword", Ole),
        [".xls"] = ("application/vnd.ms-excel", Ole),
        [".png"] = ("image/png", Png),
        [".jpg"] = ("image/jpeg", Jpeg),
        [".jpeg"] = ("image/jpeg", Jpeg),
    };

    public async Task<IReadOnlyList<AttachmentDto>> ListAsync(Actor actor, Guid standardId, CancellationToken ct = default)
    {
        var visible = await VisibleVersionsAsync(actor, standardId, ct);
        return await db.Attachments.AsNoTracking().Where(a => a.StandardId == standardId && visible.Contains(a.VersionId))
            .OrderBy(a => a.UploadedAt)
            .Select(a => new AttachmentDto(a.Id, a.VersionId, a.FileName, a.ContentType, a.Size, a.UploadedBy, a.UploadedAt))
            .ToListAsync(ct);
    }

    /// <summary>Attachments can be added and removed until the version is published; then the record is frozen.</summary>
    public async Task<AttachmentDto> UploadAsync(Actor actor, Guid versionId, string fileName, Stream content, long length, CancellationToken ct = default)
    {
        actor.Require(StandardDuty.Edit, text["Problem.ForbiddenDetail"]);
        db.AuditActor = actor.ForAudit();
        var version = await RequireOpenVersionAsync(versionId, ct);
        var name = Path.GetFileName(fileName ?? "").Trim();
        var extension = Path.GetExtension(name);
        if (name.Length is 0 or > 200 || !Allowed.TryGetValue(extension, out var type))
        {
            throw ValidationFailedException.For("File", text["Attachment.Type", string.Join(" ", Allowed.Keys)]);
        }

        if (length is <= 0 or > MaxBytes)
        {
            throw ValidationFailedException.For("File", text["Std.ImportSize", MaxBytes / 1024 / 1024]);
        }

        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        if (bytes.Length > MaxBytes || !bytes.AsSpan().StartsWith(type.Magic))
        {
            throw ValidationFailedException.For("File", text["Attachment.Mismatch", extension]);
        }

        var attachment = new StandardAttachment
        {
            Id = Guid.CreateVersion7(), StandardId = version.StandardId, VersionId = version.Id, FileName = name, ContentType = type.ContentType,
            Size = bytes.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), Content = bytes, UploadedBy = actor.DisplayName,
            UploadedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Attachments.Add(attachment);
        await db.SaveChangesAsync(ct);
        return new AttachmentDto(attachment.Id, attachment.VersionId, attachment.FileName, attachment.ContentType, attachment.Size, attachment.UploadedBy, attachment.UploadedAt);
    }

    public async Task<AttachmentFile> DownloadAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var a = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException(text["Attachment.NotFound"]);
        if (!(await VisibleVersionsAsync(actor, a.StandardId, ct)).Contains(a.VersionId))
        {
            throw new NotFoundException(text["Attachment.NotFound"]);
        }

        return new AttachmentFile(a.FileName, a.ContentType, a.Content);
    }

    public async Task DeleteAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(StandardDuty.Edit, text["Problem.ForbiddenDetail"]);
        db.AuditActor = actor.ForAudit();
        var a = await db.Attachments.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException(text["Attachment.NotFound"]);
        await RequireOpenVersionAsync(a.VersionId, ct);
        db.Attachments.Remove(a);
        await db.SaveChangesAsync(ct);
    }

    private async Task<StandardVersion> RequireOpenVersionAsync(Guid versionId, CancellationToken ct)
    {
        var version = await db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == versionId, ct) ?? throw new NotFoundException(text["Standard.NotFound"]);
        if (version.Status is StandardStatus.Published or StandardStatus.Abolished)
        {
            throw new BusinessRuleException(text["Attachment.Frozen"]);
        }

        return version;
    }

    private async Task<HashSet<Guid>> VisibleVersionsAsync(Actor actor, Guid standardId, CancellationToken ct)
    {
        actor.RequireRead();
        var seesDrafts = actor.SeesDrafts();
        return (await db.Versions.AsNoTracking()
            .Where(v => v.StandardId == standardId && (seesDrafts || v.Status == StandardStatus.Published || v.Status == StandardStatus.Abolished))
            .Select(v => v.Id).ToListAsync(ct)).ToHashSet();
    }
}
