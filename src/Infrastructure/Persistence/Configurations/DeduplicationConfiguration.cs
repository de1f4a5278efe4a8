using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuickImport.Infrastructure.Persistence.Records;

namespace QuickImport.Infrastructure.Persistence.Configurations;

internal sealed class DeduplicationConfiguration : IEntityTypeConfiguration<DeduplicationRecord>
{
    public void Configure(EntityTypeBuilder<DeduplicationRecord> builder)
    {
        builder.ToTable("request_deduplication");
        builder.HasKey(r => r.Key);
        builder.Property(r => r.Key).HasMaxLength(64);

        // The purge deletes by expiry.
        builder.HasIndex(r => r.ExpiresAt);
    }
}
