using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Norma.Modules.Calendars.Domain;
using Norma.Modules.Platform.Data;

namespace Norma.Modules.Calendars.Data;

/// <summary>The Calendars module's own context. It appends to the shared audit chain but leaves that table to the Platform's migrations.</summary>
public abstract class CalendarsDbContext(DbContextOptions options) : ModuleDbContext(options, AuditedTypes)
{
    public const string HistoryTable = "__EFMigrationsHistory_Calendars";

    private static readonly Dictionary<Type, string> AuditedTypes = new()
    {
        [typeof(Calendar)] = "calendar",
        [typeof(CalendarVersion)] = "calendar_version",
        [typeof(UnitCalendar)] = "unit_calendar",
    };

    public DbSet<Calendar> Calendars => Set<Calendar>();
    public DbSet<CalendarVersion> Versions => Set<CalendarVersion>();
    public DbSet<UnitCalendar> UnitCalendars => Set<UnitCalendar>();

    protected override void ConfigureModule(ModelBuilder builder)
    {
        builder.Entity<Calendar>(e =>
        {
            e.ToTable("cal_calendars");
            e.Property(c => c.Code).HasMaxLength(32);
            e.Property(c => c.Name).HasMaxLength(100);
            e.Property(c => c.Description).HasMaxLength(500);
            e.Property(c => c.TimeZoneId).HasMaxLength(64);
            e.Property(c => c.Kind).HasConversion<int>();
            e.Property(c => c.Version).IsConcurrencyToken();
            e.HasIndex(c => c.Code).IsUnique();
            e.HasMany<CalendarVersion>().WithOne().HasForeignKey(v => v.CalendarId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<CalendarVersion>(e =>
        {
            e.ToTable("cal_versions");
            e.Property(v => v.TimeZoneId).HasMaxLength(64);
            e.Property(v => v.CreatedByName).HasMaxLength(100);
            e.Property(v => v.Note).HasMaxLength(500);
            e.HasIndex(v => new { v.CalendarId, v.Number }).IsUnique();
        });
        builder.Entity<UnitCalendar>(e =>
        {
            e.ToTable("cal_unit_calendars");
            e.HasKey(u => u.UnitId);
            e.Property(u => u.UnitId).ValueGeneratedNever();
            e.HasIndex(u => u.CalendarId);
            e.HasOne<Calendar>().WithMany().HasForeignKey(u => u.CalendarId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}

public sealed class SqliteCalendarsDbContext(DbContextOptions<SqliteCalendarsDbContext> options) : CalendarsDbContext(options);

public sealed class PostgresCalendarsDbContext(DbContextOptions<PostgresCalendarsDbContext> options) : CalendarsDbContext(options);

internal sealed class SqliteCalendarsDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCalendarsDbContext>
{
    public SqliteCalendarsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCalendarsDbContext>().UseSqlite("Data Source=design.db", o => o.MigrationsHistoryTable(CalendarsDbContext.HistoryTable)).Options);
}

internal sealed class PostgresCalendarsDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCalendarsDbContext>
{
    public PostgresCalendarsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCalendarsDbContext>().UseNpgsql("Host=localhost;Database=design", o => o.MigrationsHistoryTable(CalendarsDbContext.HistoryTable)).Options);
}
