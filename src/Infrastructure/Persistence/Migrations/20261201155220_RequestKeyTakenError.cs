using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QuickImport.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RequestKeyTakenError : Migration
    {
        // Raised by an import's claim of its deduplication key, inside the import's transaction, when an
        // identical request holds the key: an error rather than a row, so the claim can travel with any
        // statement, the COMMIT too, and stop the transaction (ADR 33). It returns boolean to stand in
        // the claim's ON CONFLICT … WHERE, but never returns.
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION quickimport_request_key_taken() RETURNS boolean
                LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'an identical request holds the deduplication key' USING ERRCODE = 'QIDUP';
                END
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION quickimport_request_key_taken();");
        }
    }
}
