using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuickImport.Domain.Accounts;

namespace QuickImport.Infrastructure.Persistence.Configurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    /// <summary>Set when the limit was lowered below the profiles held; see <c>TariffLedger</c>.</summary>
    public const string TariffExceeded = "TariffExceeded";

    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.ToTable("accounts");
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property<bool>(TariffExceeded).HasDefaultValue(false);
        builder.ToTable(t => t.HasCheckConstraint("ck_accounts_profile_limit", "profile_limit >= 0"));
    }
}
