using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QuickImport.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class UniqueValueTakenError : Migration
    {
        // Raised by the import's claim of its unique values when one was taken meanwhile: an error
        // rather than a row, so the claim can travel with the COMMIT and stop it (ADR 31). The field
        // is the error's column, the holder (when the claim's snapshot sees it) its detail.
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION quickimport_unique_value_taken(field_name text, holder text) RETURNS void
                LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'the value of % is held by another profile', field_name
                        USING ERRCODE = 'QI435', COLUMN = field_name, DETAIL = coalesce(holder, '');
                END
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION quickimport_unique_value_taken(text, text);");
        }
    }
}
