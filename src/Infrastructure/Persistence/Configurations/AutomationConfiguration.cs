using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuickImport.Domain.Accounts;
using QuickImport.Domain.Automation;
using QuickImport.Domain.Databases;

namespace QuickImport.Infrastructure.Persistence.Configurations;

internal sealed class AutomationConfiguration : IEntityTypeConfiguration<Automation>
{
    public void Configure(EntityTypeBuilder<Automation> builder)
    {
        builder.ToTable("automations");
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Account>().WithMany().HasForeignKey(a => a.AccountId);
        builder.HasOne<ProfileDatabase>().WithMany().HasForeignKey(a => a.DatabaseId);
    }
}
