using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuickImport.Domain.Databases;

namespace QuickImport.Infrastructure.Persistence.Configurations;

internal sealed class CustomFieldConfiguration : IEntityTypeConfiguration<CustomField>
{
    public void Configure(EntityTypeBuilder<CustomField> builder)
    {
        builder.ToTable("custom_fields");
        builder.Property(f => f.Name).HasMaxLength(64);
        builder.Property(f => f.Type).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(f => new { f.DatabaseId, f.Name }).IsUnique();
        builder.Ignore(f => f.Definition);
    }
}
