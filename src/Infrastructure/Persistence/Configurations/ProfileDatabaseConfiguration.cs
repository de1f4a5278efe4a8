using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuickImport.Domain.Accounts;
using QuickImport.Domain.Databases;

namespace QuickImport.Infrastructure.Persistence.Configurations;

internal sealed class ProfileDatabaseConfiguration : IEntityTypeConfiguration<ProfileDatabase>
{
    public void Configure(EntityTypeBuilder<ProfileDatabase> builder)
    {
        builder.ToTable("profile_databases");
        builder.Property(d => d.Name).HasMaxLength(200);
        builder.HasOne<Account>().WithMany().HasForeignKey(d => d.AccountId);
        builder.HasMany(d => d.CustomFields).WithOne().HasForeignKey(f => f.DatabaseId);
        builder.Navigation(d => d.CustomFields).HasField("customFields").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(d => d.Fields);
    }
}
