using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QuickImport.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class GinIndexesWithoutPendingList : Migration
    {
        // ALTER rather than the drop and rebuild EF Core would write: instant on a large table, and the
        // pending lists left behind are merged into the indexes at once.
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER INDEX ix_profiles_match_keys SET (fastupdate = off);
                ALTER INDEX ix_profiles_phones SET (fastupdate = off);
                SELECT gin_clean_pending_list('ix_profiles_match_keys'), gin_clean_pending_list('ix_profiles_phones');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER INDEX ix_profiles_match_keys RESET (fastupdate);
                ALTER INDEX ix_profiles_phones RESET (fastupdate);
                """);
        }
    }
}
