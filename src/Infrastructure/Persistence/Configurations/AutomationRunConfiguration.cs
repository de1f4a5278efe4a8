using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuickImport.Domain.Automation;
using QuickImport.Infrastructure.Persistence.Records;

namespace QuickImport.Infrastructure.Persistence.Configurations;

internal sealed class AutomationRunConfiguration : IEntityTypeConfiguration<AutomationRunRecord>
{
    public void Configure(EntityTypeBuilder<AutomationRunRecord> builder)
    {
        builder.ToTable("automation_runs");
        builder.Property(r => r.ProfileId).HasMaxLength(24).IsFixedLength();
        builder.Property(r => r.Status).HasMaxLength(16);
        builder.HasIndex(r => new { r.AutomationId, r.Id });
        builder.HasOne<Automation>().WithMany().HasForeignKey(r => r.AutomationId);
        builder.HasOne<ProfileRecord>().WithMany().HasForeignKey(r => r.ProfileId);
    }
}
