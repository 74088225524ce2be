using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Norma.Modules.Organization.Domain;
using Norma.Modules.Platform.Audit;

namespace Norma.Modules.Platform.Data;

/// <summary>
/// Accounts, organization, audit log, API tokens and Data Protection keys. They share one context because the
/// Identity account is the staff record (ADR 0002). Provider-specific subclasses carry the migrations.
/// </summary>
public abstract class PlatformDbContext(DbContextOptions options)
    : IdentityDbContext<StaffAccount, AppRole, Guid>(options), IDataProtectionKeyContext, IAuditedContext
{
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<Position> Positions => Set<Position>();
    public DbSet<StaffPosition> StaffPositions => Set<StaffPosition>();
    public DbSet<RoleGrant> RoleGrants => Set<RoleGrant>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<PendingAuditEntry> PendingAuditEntries => Set<PendingAuditEntry>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Who the next save is attributed to in the audit log. Set once per operation by the actor resolver.</summary>
    public AuditActor AuditActor { get; set; } = AuditActor.System;

    /// <summary>Events without an entity change (sign-in, a revealed phone number) written with the next save.</summary>
    public List<AuditEvent> PendingAuditEvents { get; } = [];

    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<StaffAccount>(e =>
        {
            e.ToTable("org_accounts");
            e.Property(a => a.FullName).HasMaxLength(100);
            e.Property(a => a.Version).IsConcurrencyToken();
            e.HasOne(a => a.Unit).WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(a => a.Positions).WithOne().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(a => a.UnitId);
        });
        builder.Entity<AppRole>(e =>
        {
            e.ToTable("org_roles");
            e.Property(r => r.SystemKey).HasMaxLength(64);
            e.Property(r => r.Description).HasMaxLength(500);
            e.Property(r => r.Version).IsConcurrencyToken();
            e.HasIndex(r => r.SystemKey).IsUnique();
            e.HasMany(r => r.Grants).WithOne().HasForeignKey(g => g.RoleId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<IdentityUserRole<Guid>>().ToTable("org_account_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("identity_user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("identity_user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("identity_user_tokens");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("identity_role_claims");

        builder.Entity<RoleGrant>(e =>
        {
            e.ToTable("org_role_grants");
            e.HasKey(g => new { g.RoleId, g.Permission });
            e.Property(g => g.Permission).HasMaxLength(100);
            e.Property(g => g.Scope).HasConversion<int>();
        });
        builder.Entity<Unit>(e =>
        {
            e.ToTable("org_units");
            e.Property(u => u.Code).HasMaxLength(32);
            e.Property(u => u.Name).HasMaxLength(100);
            e.Property(u => u.Description).HasMaxLength(500);
            e.Property(u => u.Path).HasMaxLength(1000);
            e.Property(u => u.Version).IsConcurrencyToken();
            e.HasIndex(u => u.Path);
            e.HasIndex(u => u.Code).IsUnique();
            e.HasIndex(u => u.ParentId);
            e.HasIndex(u => u.OverseerId);
            e.HasOne<Unit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<StaffAccount>().WithMany().HasForeignKey(u => u.OverseerId).OnDelete(DeleteBehavior.SetNull);
        });
        builder.Entity<Position>(e =>
        {
            e.ToTable("org_positions");
            e.Property(p => p.Name).HasMaxLength(100);
            e.Property(p => p.Code).HasMaxLength(32);
            e.Property(p => p.Description).HasMaxLength(500);
            e.Property(p => p.Version).IsConcurrencyToken();
            e.HasOne(p => p.Unit).WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(p => new { p.UnitId, p.Name }).IsUnique();
        });
        builder.Entity<StaffPosition>(e =>
        {
            e.ToTable("org_staff_positions");
            e.HasKey(sp => new { sp.AccountId, sp.PositionId });
            e.HasOne<Position>().WithMany().HasForeignKey(sp => sp.PositionId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<AuditEntry>(e =>
        {
            e.ToTable("platform_audit_log");
            e.HasKey(a => a.Sequence);
            e.Property(a => a.Sequence).ValueGeneratedNever();
            e.Property(a => a.ActorName).HasMaxLength(100);
            e.Property(a => a.Action).HasMaxLength(100);
            e.Property(a => a.EntityType).HasMaxLength(100);
            e.Property(a => a.EntityId).HasMaxLength(100);
            e.Property(a => a.PreviousHash).HasMaxLength(64);
            e.Property(a => a.Hash).HasMaxLength(64);
            e.HasIndex(a => a.At);
        });
        builder.Entity<PendingAuditEntry>(e =>
        {
            e.ToTable("platform_audit_pending");
            e.Property(a => a.ActorName).HasMaxLength(100);
            e.Property(a => a.Action).HasMaxLength(100);
            e.Property(a => a.EntityType).HasMaxLength(100);
            e.Property(a => a.EntityId).HasMaxLength(100);
        });
        builder.Entity<ApiToken>(e =>
        {
            e.ToTable("platform_api_tokens");
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.Prefix).HasMaxLength(16);
            e.Property(t => t.TokenHash).HasMaxLength(64);
            e.HasIndex(t => t.TokenHash).IsUnique();
            e.HasIndex(t => t.AccountId);
            e.HasOne<StaffAccount>().WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<DataProtectionKey>().ToTable("platform_dataprotection_keys");
    }

    private static readonly Dictionary<Type, string> AuditedTypes = new()
    {
        [typeof(Unit)] = "unit",
        [typeof(Position)] = "position",
        [typeof(StaffAccount)] = "account",
        [typeof(StaffPosition)] = "account_position",
        [typeof(AppRole)] = "role",
        [typeof(RoleGrant)] = "role_grant",
        [typeof(IdentityUserRole<Guid>)] = "account_role",
        [typeof(ApiToken)] = "api_token",
    };

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        AuditedSave.EnsureNothingAudited(this, this, AuditedTypes);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        AuditedSave.SaveAsync(this, this, AuditedTypes, ct => base.SaveChangesAsync(acceptAllChangesOnSuccess, ct), cancellationToken);
}
