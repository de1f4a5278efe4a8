using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QuickImport.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RequestKeyAwaited : Migration
    {
        // The start of an import's claim on its deduplication key (ADR 34): identical requests queue on
        // a transaction-scoped advisory lock of the key (class 2; the tariff's account locks are class 1),
        // so while one's transaction is open the others wait, and then each refuses the key if the row
        // the first committed is live. The row itself is inserted with the COMMIT. A procedure, so the
        // statement has no rows and may travel with any other; the EXISTS is a statement of its own, so
        // its snapshot is taken after the lock is granted and sees what the twin committed meanwhile.
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE PROCEDURE quickimport_await_request_key(request_key text, at timestamptz)
                LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_advisory_xact_lock(2, hashtext(request_key));
                    IF EXISTS (SELECT 1 FROM request_deduplication WHERE key = request_key AND expires_at > at) THEN
                        PERFORM quickimport_request_key_taken();
                    END IF;
                END
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP PROCEDURE quickimport_await_request_key(text, timestamptz);");
        }
    }
}
