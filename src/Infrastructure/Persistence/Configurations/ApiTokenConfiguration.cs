using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuickImport.Domain.Accounts;

namespace QuickImport.Infrastructure.Persistence.Configurations;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("api_tokens");
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.HasIndex(t => t.SecretHash).IsUnique();
        builder.HasOne<Account>().WithMany().HasForeignKey(t => t.AccountId);
    }
}
