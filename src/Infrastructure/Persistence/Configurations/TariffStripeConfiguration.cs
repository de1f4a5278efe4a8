using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuickImport.Domain.Accounts;
using QuickImport.Infrastructure.Persistence.Records;

namespace QuickImport.Infrastructure.Persistence.Configurations;

internal sealed class TariffStripeConfiguration : IEntityTypeConfiguration<TariffStripeRecord>
{
    public void Configure(EntityTypeBuilder<TariffStripeRecord> builder)
    {
        builder.ToTable("tariff_stripes", t => t.HasCheckConstraint("ck_tariff_stripes_remaining", "remaining >= 0"));
        builder.HasKey(s => new { s.AccountId, s.Stripe });
        builder.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId);
    }
}
