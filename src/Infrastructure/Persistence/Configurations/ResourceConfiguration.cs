using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuickImport.Domain.Databases;
using QuickImport.Domain.Subscriptions;

namespace QuickImport.Infrastructure.Persistence.Configurations;

internal sealed class ResourceConfiguration : IEntityTypeConfiguration<Resource>
{
    public void Configure(EntityTypeBuilder<Resource> builder)
    {
        builder.ToTable("resources");
        builder.Property(r => r.Name).HasMaxLength(200);
        builder.Property(r => r.Channels)
            .HasConversion(
                channels => channels.Select(c => c.ToString()).ToArray(),
                names => names.Select(Enum.Parse<Channel>).ToList(),
                new ValueComparer<List<Channel>>(
                    (a, b) => a!.SequenceEqual(b!),
                    channels => channels.Aggregate(0, (hash, c) => HashCode.Combine(hash, c)),
                    channels => channels.ToList()));
        builder.HasOne<ProfileDatabase>().WithMany().HasForeignKey(r => r.DatabaseId);
    }
}
