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
        // Names are unique within a database whatever their case (ProfileDatabase.FindFieldIgnoringCase):
        // the index on the lowercased name holds it against two admins creating F_INT and f_int at once.
        builder.Property<string>("NameKey").HasMaxLength(64).HasComputedColumnSql("lower(name)", stored: true);
        builder.HasIndex("DatabaseId", "NameKey").IsUnique();
        builder.Ignore(f => f.Definition);
    }
}
