using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuickImport.Infrastructure.Persistence.Records;

namespace QuickImport.Infrastructure.Persistence.Configurations;

internal sealed class ProfileConfiguration : IEntityTypeConfiguration<ProfileRecord>
{
    public void Configure(EntityTypeBuilder<ProfileRecord> builder)
    {
        builder.ToTable("profiles");
        builder.Property(p => p.Id).HasMaxLength(24).IsFixedLength();
        builder.Property(p => p.Fields).HasColumnType("jsonb");
        builder.Property(p => p.Phones).HasDefaultValueSql("'{}'");

        // database_id has neither an index nor a foreign key (ADR 32). Every match is a key of its
        // own index ANDed with database_id = $1; PostgreSQL's generic plan of such a statement,
        // which knows no database's size, would intersect that key with an index of all the
        // database's profiles: a read of every one of them per import. Databases are never deleted,
        // and the import finds its database among the cached ones before it writes.

        // Both GIN indexes write straight into the index (fastupdate off): with a pending list, every
        // match scans the whole list of recent inserts, and a busy import load keeps it long.

        // Phone matching: phones @> ARRAY[...]
        builder.HasIndex(p => p.Phones).HasMethod("gin").HasStorageParameter("fastupdate", false);

        // Field matching: match_keys @> ARRAY['name=key']
        builder.Property(p => p.MatchKeys).HasDefaultValueSql("'{}'");
        builder.HasIndex(p => p.MatchKeys).HasMethod("gin").HasStorageParameter("fastupdate", false);
    }
}
