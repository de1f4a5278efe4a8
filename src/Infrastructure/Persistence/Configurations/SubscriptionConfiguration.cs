using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuickImport.Domain.Subscriptions;
using QuickImport.Infrastructure.Persistence.Records;

namespace QuickImport.Infrastructure.Persistence.Configurations;

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<SubscriptionRecord>
{
    public void Configure(EntityTypeBuilder<SubscriptionRecord> builder)
    {
        builder.ToTable("subscriptions");
        builder.Property(s => s.ProfileId).HasMaxLength(24).IsFixedLength();
        builder.Property(s => s.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);

        // One subscription per profile, resource, channel and contact: a repeated import finds it.
        builder.HasIndex(s => new { s.ProfileId, s.ResourceId, s.Channel, s.ContactKey }).IsUnique();

        // Matching by subscription contacts.
        builder.HasIndex(s => new { s.DatabaseId, s.Channel, s.ContactKey });
        builder.HasOne<ProfileRecord>().WithMany().HasForeignKey(s => s.ProfileId);
        builder.HasOne<Resource>().WithMany().HasForeignKey(s => s.ResourceId);
    }
}
