using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuickImport.Domain.Databases;
using QuickImport.Infrastructure.Persistence.Records;

namespace QuickImport.Infrastructure.Persistence.Configurations;

internal sealed class ProfileConfiguration : IEntityTypeConfiguration<ProfileRecord>
{
    public void Configure(EntityTypeBuilder<ProfileRecord> builder)
    {
        builder.ToTable("profiles");
        builder.Property(p => p.Id).HasMaxLength(24).IsFixedLength();
        builder.Property(p => p.Fields).HasColumnType("jsonb");
        builder.Property(p => p.Phones).HasDefaultValueSql("'{}'");
        builder.HasIndex(p => p.DatabaseId);

        // Both GIN indexes write straight into the index (fastupdate off): with a pending list, every
        // match scans the whole list of recent inserts, and a busy import load keeps it long.

        // Phone matching: phones @> ARRAY[...]
        builder.HasIndex(p => p.Phones).HasMethod("gin").HasStorageParameter("fastupdate", false);

        // Field matching: match_keys @> ARRAY['name=key']
        builder.Property(p => p.MatchKeys).HasDefaultValueSql("'{}'");
        builder.HasIndex(p => p.MatchKeys).HasMethod("gin").HasStorageParameter("fastupdate", false);
        builder.HasOne<ProfileDatabase>().WithMany().HasForeignKey(p => p.DatabaseId);
    }
}
