using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuickImport.Infrastructure.Persistence.Records;

namespace QuickImport.Infrastructure.Persistence.Configurations;

internal sealed class UniqueValueConfiguration : IEntityTypeConfiguration<UniqueValueRecord>
{
    public void Configure(EntityTypeBuilder<UniqueValueRecord> builder)
    {
        builder.ToTable("profile_unique_values");
        builder.HasKey(v => new { v.DatabaseId, v.FieldName, v.ValueKey });
        builder.Property(v => v.FieldName).HasMaxLength(64);
        builder.Property(v => v.ProfileId).HasMaxLength(24).IsFixedLength();
        builder.HasIndex(v => v.ProfileId);
        builder.HasOne<ProfileRecord>().WithMany().HasForeignKey(v => v.ProfileId);
    }
}
